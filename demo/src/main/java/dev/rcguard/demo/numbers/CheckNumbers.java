package dev.rcguard.demo.numbers;

import dev.rcguard.Decision;
import dev.rcguard.PermissionCheckEvent;
import dev.rcguard.spi.Caller;
import dev.rcguard.spi.Requirement;
import java.util.Arrays;

/**
 * What one application's guard reported of its checks, for the page's numbers panel: the checks by outcome, the
 * refusals report-only mode let through, the RingCentral calls the checks needed, and the latency of the latest
 * checks. Thread-safe: one lock, held for a few counter updates, so that a snapshot is consistent (its outcomes add up
 * to its checks).
 *
 * <pre>{@code
 * CheckNumbers numbers = new CheckNumbers();
 * numbers.record(event);                       // from a PermissionCheckListener
 * CheckNumbers.Snapshot now = numbers.snapshot();
 * }</pre>
 */
public final class CheckNumbers {

    /** How many of the latest checks the latency percentiles are taken over. */
    public static final int LATENCY_WINDOW = 1000;

    /**
     * The numbers at one moment.
     *
     * @param checks checks reported
     * @param granted of which granted
     * @param denied of which denied (RingCentral said no, or a malformed target extension)
     * @param unauthenticated of which without a usable token (none came, or RingCentral rejected it)
     * @param unavailable of which RingCentral gave no answer (a failure, a timeout, a rate limit, the guard's budget)
     * @param wouldRefuse checks not granted that report-only mode let through
     * @param callsNeeded the calls these checks would cost asked one by one (see {@link #callsNeeded})
     * @param latencyNanos the latency of the latest checks, at most {@link #LATENCY_WINDOW}, sorted
     */
    public record Snapshot(
            long checks,
            long granted,
            long denied,
            long unauthenticated,
            long unavailable,
            long wouldRefuse,
            long callsNeeded,
            long[] latencyNanos) {

        /** The nearest-rank percentile {@code p} (in (0, 100]) of the latencies, in nanoseconds; 0 without any. */
        public long latencyPercentile(double p) {
            if (latencyNanos.length == 0) {
                return 0;
            }
            int rank = (int) Math.ceil(p / 100 * latencyNanos.length);
            return latencyNanos[Math.max(1, Math.min(rank, latencyNanos.length)) - 1];
        }
    }

    private long checks;
    private final long[] outcomes = new long[Decision.Outcome.values().length];
    private long wouldRefuse;
    private long callsNeeded;
    private final long[] latencies = new long[LATENCY_WINDOW];
    private int latencyCount;
    private int nextLatency;

    /** Counts one check. */
    public void record(PermissionCheckEvent event) {
        long latency = event.latency() == null ? 0 : Math.max(0, event.latency().toNanos());
        long needed = callsNeeded(event);
        synchronized (this) {
            checks++;
            outcomes[event.decision().outcome().ordinal()]++;
            if (!event.enforced() && !event.decision().isGranted()) {
                wouldRefuse++;
            }
            callsNeeded += needed;
            latencies[nextLatency] = latency;
            nextLatency = (nextLatency + 1) % LATENCY_WINDOW;
            latencyCount = Math.min(latencyCount + 1, LATENCY_WINDOW);
        }
    }

    /** The numbers now. */
    public Snapshot snapshot() {
        long[] latest;
        Snapshot counts;
        synchronized (this) {
            latest = latencyCount < LATENCY_WINDOW ? Arrays.copyOf(latencies, latencyCount) : latencies.clone();
            counts = new Snapshot(
                    checks,
                    outcomes[Decision.Outcome.GRANTED.ordinal()],
                    outcomes[Decision.Outcome.DENIED.ordinal()],
                    outcomes[Decision.Outcome.UNAUTHENTICATED.ordinal()],
                    outcomes[Decision.Outcome.UNAVAILABLE.ordinal()],
                    wouldRefuse,
                    callsNeeded,
                    latest);
        }
        Arrays.sort(latest);
        return counts;
    }

    /**
     * The RingCentral calls a check would cost if the guard asked each time, without reusing or sharing anything: one
     * per permission id and one for its features (the guard asks a requirement's features in one call). A check
     * without a token needs none (nothing can be asked), nor does one whose target extension is malformed (the guard
     * refuses it without asking).
     */
    public static long callsNeeded(PermissionCheckEvent event) {
        Requirement requirement = event.requirement();
        if (requirement == null || event.accountId() == null) { // no token came with the request
            return 0;
        }
        if (requirement.targetExtension() != null && !Caller.isExtensionId(event.targetExtensionId())) {
            return 0;
        }
        long calls = requirement.permissions() == null
                ? 0
                : requirement.permissions().ids().size();
        if (requirement.features() != null && !requirement.features().ids().isEmpty()) {
            calls++;
        }
        return calls;
    }
}
