package dev.rcguard.internal.budget;

/**
 * How the guard spends a user's budget: the share of each group's limit it may take, and the oldest decision it may
 * reuse when a live call is not affordable ({@code 0}: never).
 *
 * <p>From a group's limit {@code L} per window {@code W} the guard derives its own token bucket: an allowance
 * {@code A = max(1, floor(share × L))}, a burst {@code B = clamp(A / 5, 1, 5)} and a refill of
 * {@code max(A − B, 1)} per {@code W}. In any interval of length {@code W} it makes fewer than
 * {@code B + max(A − B, 1) + 1} calls: at most {@code A} whenever {@code A ≥ 2}. The last {@code R = min(2, B − 1)}
 * calls of the bucket are kept for checks that have no decision to reuse. With RingCentral's defaults and a share of one half, at most 25
 * of a user's 50 Light calls a minute and 20 of the 40 Medium ones, whatever the request rate.
 */
public record Policy(double share, long maxDecisionAgeMillis) {

    public Policy {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("share must be in (0, 1]");
        }
        if (maxDecisionAgeMillis < 0) {
            throw new IllegalArgumentException("max decision age must not be negative");
        }
    }

    /** The guard's calls per window out of a group's {@code limit}. */
    int allowance(int limit) {
        return Math.max(1, (int) Math.floor(share * limit));
    }

    /** Calls the guard may make at once, from a full bucket. */
    int burst(int limit) {
        return Math.max(1, Math.min(5, allowance(limit) / 5));
    }

    /** The calls of a full bucket kept for checks that have no decision to reuse. */
    int reserve(int limit) {
        return Math.min(2, burst(limit) - 1);
    }

    /** Calls regained per millisecond. */
    double refillPerMilli(int limit, long windowMillis) {
        return Math.max(allowance(limit) - burst(limit), 1) / (double) windowMillis;
    }

    /** Whether a decision this old may be reused. */
    boolean reusable(long ageMillis) {
        return maxDecisionAgeMillis > 0 && ageMillis >= 0 && ageMillis <= maxDecisionAgeMillis;
    }
}
