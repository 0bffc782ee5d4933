package dev.rcguard.spi;

import dev.rcguard.Decision;
import java.time.Duration;

/**
 * What {@link PermissionGuard#enforce} concluded for one endpoint of one request.
 *
 * @param decision what the check decided ({@link Decision#granted()} when {@code alreadyGranted})
 * @param enforced {@code false} in report-only mode, where a refusal lets the request through
 * @param latency how long the check took
 * @param alreadyGranted this request had already been granted the same requirement for the same target (by another
 *     adapter, or an earlier dispatch): nothing was checked, and nothing is to be reported
 */
public record Verdict(Decision decision, boolean enforced, Duration latency, boolean alreadyGranted) {

    static Verdict alreadyGranted(boolean enforced) {
        return new Verdict(Decision.granted(), enforced, Duration.ZERO, true);
    }

    /** {@return whether the protected code may run: a grant, or any decision in report-only mode} */
    public boolean proceeds() {
        return decision.isGranted() || !enforced;
    }
}
