package dev.rcguard.cdi;

import dev.rcguard.Decision;
import dev.rcguard.spi.Requirement;
import java.time.Duration;

/**
 * Fired (synchronously, as a CDI event) for every check the guard makes, granted or not, for audit and metrics. It
 * never carries the access token.
 *
 * <pre>{@code
 * void audit(@Observes PermissionCheckEvent check) {
 *     if (!check.decision().isGranted()) {
 *         log.info(check.endpoint() + " refused: " + check.reasonCode());
 *     }
 * }
 * }</pre>
 *
 * @param endpoint what was protected: {@code "GET /messages/{id}"} for a JAX-RS resource method,
 *     {@code "com.example.Mailbox#read"} for a CDI bean method
 * @param requirement the ids asked about
 * @param decision the outcome; for a refusal, the denied id and RingCentral's reason
 * @param latency how long the check took (near zero when this request had already asked)
 * @param enforced {@code false} in {@code rcguard.mode=report-only}, where a refusal lets the request through
 */
public record PermissionCheckEvent(
        String endpoint, Requirement requirement, Decision decision, Duration latency, boolean enforced) {

    /** The reason code of a refusal (such as {@code InsufficientPermissions}), or {@code null}. */
    public String reasonCode() {
        return decision.reason() == null ? null : decision.reason().code();
    }
}
