package dev.rcguard.internal.engine;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * After RingCentral answers 429 for a token, nothing more is sent for that token until its {@code Retry-After} has
 * passed: every request during the penalty would restart it. Keyed by the token's fingerprint, never the token;
 * an entry lives no longer than its window, so memory follows the tokens held back right now, not all tokens seen.
 */
public final class RateLimitGate {

    /** Expired windows are swept at most this often, by whichever check or 429 comes first after it is due. */
    private static final long SWEEP_INTERVAL_NANOS = Duration.ofMillis(100).toNanos();

    private final Map<String, Long> heldUntil = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;
    private final AtomicLong nextSweep;

    public RateLimitGate(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.nextSweep = new AtomicLong(nanoClock.getAsLong());
    }

    /** How long calls for this token must still wait; {@link Duration#ZERO} when they may go. */
    public Duration remaining(String fingerprint) {
        if (heldUntil.isEmpty()) {
            return Duration.ZERO; // the common case: no token is held back
        }
        long now = nanoClock.getAsLong();
        sweepIfDue(now);
        Long until = heldUntil.get(fingerprint);
        if (until == null) {
            return Duration.ZERO;
        }
        long left = until - now;
        if (left <= 0) {
            heldUntil.remove(fingerprint, until);
            return Duration.ZERO;
        }
        return Duration.ofNanos(left);
    }

    /** Holds the token back for {@code retryAfter} (or longer, if it is already held longer). */
    public void holdBack(String fingerprint, Duration retryAfter) {
        long now = nanoClock.getAsLong();
        heldUntil.merge(fingerprint, now + retryAfter.toNanos(), Math::max);
        sweepIfDue(now);
    }

    /**
     * Forgets expired windows, so that a token never asked about again is not kept beyond its window (plus at most
     * one sweep interval, while requests keep coming). One thread sweeps; the others go on.
     */
    private void sweepIfDue(long now) {
        long due = nextSweep.get();
        if (now - due < 0 || !nextSweep.compareAndSet(due, now + SWEEP_INTERVAL_NANOS)) {
            return;
        }
        heldUntil.values().removeIf(until -> until - now <= 0);
    }

    /** Tokens held back right now (for the memory benchmark and tests). */
    public int size() {
        return heldUntil.size();
    }
}
