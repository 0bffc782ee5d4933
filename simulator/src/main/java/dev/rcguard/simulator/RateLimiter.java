package dev.rcguard.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Counts requests per (RingCentral user, group) in fixed windows and keeps refusing a user in a group while its
 * penalty runs; a request during the penalty restarts it, as RingCentral does.
 *
 * <p>A user is its account and extension ids ({@link UserKey}): every token of one user spends one budget per
 * group. A window is forgotten once it can no longer change an answer (its window and any penalty have passed,
 * under the limits in force when it is swept); sweeps run at most once per {@code max(window, penalty, 1 s)} of
 * the clock, on a request, so the map holds only users active in about the last two such periods.
 */
final class RateLimiter {
    private static final Duration MIN_SWEEP_INTERVAL = Duration.ofSeconds(1);

    /** The outcome of {@code n} calls at one instant: how many were allowed, and how many remain in the window. */
    record Outcome(int allowed, int remaining) {}

    /** One RingCentral user, as rate limits see it: its account and its extension. */
    record UserKey(String accountId, String extensionId) {}

    private record Key(UserKey user, RateLimits.Group group) {}

    /** One user's window in one group. Only touched inside the map's {@code compute} for its key, or read locked. */
    private static final class Bucket {
        private Instant windowStart;
        private int used;
        private Instant penaltyUntil;

        /** {@code n} calls at {@code now}, exactly as {@code n} requests in a row would be answered. */
        synchronized Outcome take(Instant now, int n, int limit, RateLimits limits) {
            if (inPenalty(now)) {
                penaltyUntil = now.plus(limits.penalty());
                return new Outcome(0, 0);
            }
            if (!inWindow(now, limits)) {
                penaltyUntil = null;
                windowStart = now;
                used = 0;
            }
            int allowed = Math.max(0, Math.min(n, limit - used));
            used += allowed;
            if (allowed < n) {
                penaltyUntil = now.plus(limits.penalty());
                return new Outcome(allowed, 0);
            }
            return new Outcome(allowed, limit - used);
        }

        synchronized RateLimitUsage usage(RateLimits.Group group, Instant now, int limit, RateLimits limits) {
            if (inPenalty(now)) {
                return new RateLimitUsage(group, limit, used, null, penaltyUntil);
            }
            if (!inWindow(now, limits)) {
                return RateLimitUsage.fresh(group, limit);
            }
            return new RateLimitUsage(group, limit, used, windowStart.plus(limits.window()), null);
        }

        /** Whether the next call would start afresh, so forgetting this bucket changes nothing. */
        synchronized boolean spent(Instant now, RateLimits limits) {
            return !inPenalty(now) && !inWindow(now, limits);
        }

        private boolean inPenalty(Instant now) {
            return penaltyUntil != null && now.isBefore(penaltyUntil);
        }

        /** In a counting window that no penalty has ended. */
        private boolean inWindow(Instant now, RateLimits limits) {
            return penaltyUntil == null && windowStart != null && now.isBefore(windowStart.plus(limits.window()));
        }
    }

    private final Map<Key, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicReference<Instant> nextSweep = new AtomicReference<>(Instant.MIN);

    /**
     * Spends {@code n} calls of {@code user}'s budget in {@code group}. With limits disabled nothing is counted
     * and every call is allowed with the whole limit remaining.
     */
    Outcome take(UserKey user, RateLimits.Group group, int n, RateLimits limits, Instant now) {
        int limit = limits.limit(group);
        if (!limits.enabled()) {
            return new Outcome(n, limit);
        }
        sweepIfDue(limits, now);
        Outcome[] outcome = new Outcome[1];
        // compute, not computeIfAbsent + take: a sweep cannot drop the bucket between finding and counting
        buckets.compute(new Key(user, group), (key, bucket) -> {
            Bucket counted = bucket == null ? new Bucket() : bucket;
            outcome[0] = counted.take(now, n, limit, limits);
            return counted;
        });
        return outcome[0];
    }

    /** What {@code user} has spent in {@code group}'s current window, without spending anything. */
    RateLimitUsage usage(UserKey user, RateLimits.Group group, RateLimits limits, Instant now) {
        int limit = limits.limit(group);
        Bucket bucket = limits.enabled() ? buckets.get(new Key(user, group)) : null;
        return bucket == null ? RateLimitUsage.fresh(group, limit) : bucket.usage(group, now, limit, limits);
    }

    void reset() {
        buckets.clear();
    }

    /** Windows held (for tests of the sweep). */
    int size() {
        return buckets.size();
    }

    private void sweepIfDue(RateLimits limits, Instant now) {
        Instant due = nextSweep.get();
        if (now.isBefore(due)) {
            return;
        }
        Duration interval = limits.window();
        if (interval.compareTo(limits.penalty()) < 0) {
            interval = limits.penalty();
        }
        if (interval.compareTo(MIN_SWEEP_INTERVAL) < 0) {
            interval = MIN_SWEEP_INTERVAL;
        }
        if (!nextSweep.compareAndSet(due, now.plus(interval))) {
            return; // another request sweeps
        }
        for (Key key : buckets.keySet()) {
            buckets.computeIfPresent(key, (k, bucket) -> bucket.spent(now, limits) ? null : bucket);
        }
    }
}
