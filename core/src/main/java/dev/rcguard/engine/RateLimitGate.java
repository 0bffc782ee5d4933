package dev.rcguard.engine;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * After RingCentral answers 429 for a token, nothing more is sent for that token until its {@code Retry-After} has
 * passed: every request during the penalty would restart it. Keyed by the token's fingerprint, never the token;
 * an entry lives no longer than its window, so memory follows the tokens held back right now, not all tokens seen.
 */
final class RateLimitGate {

    private static final int FIRST_SWEEP = 1024;

    private final Map<String, Long> heldUntil = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;
    private volatile int sweepAt = FIRST_SWEEP;

    RateLimitGate(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** How long calls for this token must still wait; {@link Duration#ZERO} when they may go. */
    Duration remaining(String fingerprint) {
        Long until = heldUntil.get(fingerprint);
        if (until == null) {
            return Duration.ZERO;
        }
        long left = until - nanoClock.getAsLong();
        if (left <= 0) {
            heldUntil.remove(fingerprint, until);
            return Duration.ZERO;
        }
        return Duration.ofNanos(left);
    }

    /** Holds the token back for {@code retryAfter} (or longer, if it is already held longer). */
    void holdBack(String fingerprint, Duration retryAfter) {
        long now = nanoClock.getAsLong();
        heldUntil.merge(fingerprint, now + retryAfter.toNanos(), Math::max);
        if (heldUntil.size() >= sweepAt) {
            // Windows of tokens never seen again expire here; sweeping only when the map has doubled keeps it cheap.
            heldUntil.values().removeIf(until -> until - now <= 0);
            sweepAt = Math.max(FIRST_SWEEP, 2 * heldUntil.size());
        }
    }

    /** Tokens held back right now (for the memory benchmark and tests). */
    int size() {
        return heldUntil.size();
    }
}
