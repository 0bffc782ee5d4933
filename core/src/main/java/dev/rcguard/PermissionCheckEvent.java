package dev.rcguard;

import dev.rcguard.spi.Requirement;
import java.time.Duration;

/**
 * One check the guard made, granted or not, for audit and metrics: delivered by every adapter (the {@code web.xml}
 * filter, the JAX-RS filter, the interceptor) to each {@link PermissionCheckListener}, and, in a CDI application, fired
 * as a synchronous CDI event. It never carries the access token.
 *
 * <pre>{@code
 * void audit(@Observes PermissionCheckEvent check) {
 *     if (!check.decision().isGranted()) {
 *         log.info(check.endpoint() + " refused for " + check.extensionId() + ": " + check.reasonCode());
 *     }
 * }
 * }</pre>
 *
 * @param endpoint what was protected: {@code "GET /messages/{id}"} for a JAX-RS resource method,
 *     {@code "com.example.Mailbox#read"} for a CDI bean method, {@code "filter 'reports' GET /app/reports/daily"} for
 *     the {@code web.xml} filter
 * @param accountId the caller's RingCentral account id, once an answer named it; else {@code ~} (the token's own), or
 *     {@code null} when the request carried no token
 * @param extensionId the caller's extension id, the same way
 * @param requirement the ids asked about
 * @param targetExtensionId the extension the permissions were checked for, or {@code null} for the caller's own
 * @param decision the outcome; for a refusal, the denied id and RingCentral's reason
 * @param latency how long the check took (near zero when this request had already asked)
 * @param enforced {@code false} in {@code rcguard.mode=report-only}, where a refusal lets the request through
 */
public record PermissionCheckEvent(
        String endpoint,
        String accountId,
        String extensionId,
        Requirement requirement,
        String targetExtensionId,
        Decision decision,
        Duration latency,
        boolean enforced) {

    /** {@return the reason code of a refusal (such as {@code InsufficientPermissions}), or {@code null}} */
    public String reasonCode() {
        return decision.reason() == null ? null : decision.reason().code();
    }
}
