package dev.rcguard.simulator.hostile;

import dev.rcguard.simulator.Endpoint;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a request to the {@link HostileRingCentral} asked: the endpoint, the permission id or the feature ids,
 * the target extension, and the request target as received. Genuine answers echo these; hostile ones mutate
 * them.
 */
public final class Asked {
    private final Endpoint endpoint;
    private final String permissionId;
    private final List<String> featureIds;
    private final String targetExtensionId;
    private final String target;
    private final String baseUri;

    Asked(
            Endpoint endpoint,
            String permissionId,
            List<String> featureIds,
            String targetExtensionId,
            String target,
            String baseUri) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.permissionId = permissionId;
        this.featureIds = List.copyOf(featureIds);
        this.targetExtensionId = targetExtensionId;
        this.target = Objects.requireNonNull(target, "target");
        this.baseUri = Objects.requireNonNull(baseUri, "baseUri");
    }

    /** {@return {@link Endpoint#PERMISSION_CHECK} or {@link Endpoint#FEATURES}} */
    public Endpoint endpoint() {
        return endpoint;
    }

    /** {@return the {@code permissionId} of a permission check (the first one if several were sent); empty otherwise} */
    public Optional<String> permissionId() {
        return Optional.ofNullable(permissionId);
    }

    /** {@return the {@code featureId}s of a features call, in request order, repeats included; empty otherwise} */
    public List<String> featureIds() {
        return featureIds;
    }

    /** {@return the {@code targetExtensionId}, if the request had one} */
    public Optional<String> targetExtensionId() {
        return Optional.ofNullable(targetExtensionId);
    }

    /** {@return the request target as received: path and query, still percent-encoded} */
    public String target() {
        return target;
    }

    /** {@return the stand-in's base URI, {@code http://127.0.0.1:<port>}} */
    public String baseUri() {
        return baseUri;
    }

    /** The id the body is about: the permission id, or the first feature id ("" if none was asked). */
    String firstId() {
        if (permissionId != null) {
            return permissionId;
        }
        return featureIds.isEmpty() ? "" : featureIds.get(0);
    }

    @Override
    public String toString() {
        return endpoint + " " + target;
    }
}
