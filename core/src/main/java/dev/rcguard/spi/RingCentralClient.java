package dev.rcguard.spi;

import dev.rcguard.Decision;
import dev.rcguard.internal.client.RestRingCentralClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One call to RingCentral, answered as a {@link Decision}. Implementations never fail their futures: every error
 * becomes a non-granting decision (fail closed).
 *
 * <p>{@link RestRingCentralClient} is the real one; a benchmark or a test may supply another transport.
 */
public interface RingCentralClient {

    /**
     * {@code GET .../authz-profile/check?permissionId=X[&targetExtensionId=Y]}.
     *
     * @param targetExtensionId the extension the permission is exercised on, or {@code null} for the caller's own
     */
    CompletableFuture<Decision> checkPermission(Caller caller, String permissionId, String targetExtensionId);

    /** {@code GET .../features?featureId=A&featureId=B}: one call for all ids; one decision per id asked. */
    CompletableFuture<Map<String, Decision>> checkFeatures(Caller caller, List<String> featureIds);
}
