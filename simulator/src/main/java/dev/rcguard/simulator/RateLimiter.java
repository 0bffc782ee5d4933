package dev.rcguard.simulator;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts requests per (token, group) in fixed windows and keeps refusing a token while its penalty runs;
 * a request during the penalty restarts it, as RingCentral does.
 */
final class RateLimiter {
    /** The outcome of one request: allowed, with how many remain in the window, or refused. */
    record Outcome(boolean allowed, int remaining) {}

    private record Key(String token, RateLimits.Group group) {}

    private static final class Bucket {
        private Instant windowStart;
        private int used;
        private Instant penaltyUntil;

        synchronized Outcome take(Instant now, int limit, RateLimits limits) {
            if (penaltyUntil != null && now.isBefore(penaltyUntil)) {
                penaltyUntil = now.plus(limits.penalty());
                return new Outcome(false, 0);
            }
            if (penaltyUntil != null || windowStart == null || !now.isBefore(windowStart.plus(limits.window()))) {
                penaltyUntil = null;
                windowStart = now;
                used = 0;
            }
            if (used >= limit) {
                penaltyUntil = now.plus(limits.penalty());
                return new Outcome(false, 0);
            }
            used++;
            return new Outcome(true, limit - used);
        }
    }

    private final Map<Key, Bucket> buckets = new ConcurrentHashMap<>();

    Outcome take(String token, RateLimits.Group group, RateLimits limits, Instant now) {
        int limit = limits.limit(group);
        if (!limits.enabled()) {
            return new Outcome(true, limit);
        }
        return buckets.computeIfAbsent(new Key(token, group), k -> new Bucket()).take(now, limit, limits);
    }

    void reset() {
        buckets.clear();
    }
}
