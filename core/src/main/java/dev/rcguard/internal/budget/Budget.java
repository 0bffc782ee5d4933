package dev.rcguard.internal.budget;

import dev.rcguard.spi.RingCentralClient.RateLimit;
import java.io.Serializable;

/**
 * One RingCentral user's budget in one rate-limit group, as the guard knows it: what RingCentral last said of it, the
 * guard's own share (a token bucket, {@link Policy}), and any 429 penalty. Immutable, and every change is a pure
 * function of the old value and the time: a store replaces it atomically, so the same rules serve the in-memory
 * store and a cluster's cache. It holds counts and times only: no token, no decision.
 *
 * @param limit calls per window ({@code X-Rate-Limit-Limit}, or the group's default until an answer says)
 * @param windowMillis the window ({@code X-Rate-Limit-Window}, or 60 s)
 * @param tokens the calls the guard may make now, out of its share; below 0 when calls it could not foresee (a new
 *     token's first ones) were charged after the fact
 * @param refilledAt when {@code tokens} was last brought up to date (epoch millis)
 * @param remaining RingCentral's last {@code X-Rate-Limit-Remaining}, less the guard's calls since; {@code -1}: unknown
 * @param remainingAt when {@code remaining} was seen; it is forgotten one window later
 * @param penaltyUntil the end of a 429 penalty (epoch millis), or {@code 0}: nothing may be sent before it
 */
public record Budget(
        int limit,
        long windowMillis,
        double tokens,
        long refilledAt,
        int remaining,
        long remainingAt,
        long penaltyUntil)
        implements Serializable {

    static final long DEFAULT_WINDOW_MILLIS = 60_000;

    /**
     * What an admission concluded.
     *
     * @param live whether the guard may call RingCentral now (the call is already spent)
     * @param retryAfterMillis when {@code !live}: how long until a call may be affordable again
     * @param budget the budget after the admission
     */
    public record Admission(boolean live, long retryAfterMillis, Budget budget) implements Serializable {}

    /** A budget nothing is known of but RingCentral's defaults for {@code group}: a full share, no penalty. */
    public static Budget fresh(String group, long now, Policy policy) {
        int limit = defaultLimit(group);
        return new Budget(limit, DEFAULT_WINDOW_MILLIS, policy.burst(limit), now, -1, 0, 0);
    }

    /** RingCentral's default user-level limits per 60 s; an unknown group is taken to be as tight as Heavy. */
    static int defaultLimit(String group) {
        if (group.equalsIgnoreCase("Light")) {
            return 50;
        } else if (group.equalsIgnoreCase("Medium")) {
            return 40;
        } else if (group.equalsIgnoreCase("Auth")) {
            return 5;
        }
        return 10; // Heavy, and any group RingCentral may add
    }

    /**
     * Whether the guard may call now. Never during a penalty, never the last call of RingCentral's window, never
     * beyond the share. The last {@link Policy#reserve} calls of the share are kept for checks that have no decision
     * young enough to reuse ({@code reusable == false}): a check that could reuse one goes live only while the bucket
     * holds more, so that, when calls are scarce, they go to the checks that would otherwise be refused.
     */
    public Admission admit(long now, Policy policy, boolean reusable) {
        Budget b = refilled(now, policy);
        if (b.penaltyUntil > now) {
            return new Admission(false, b.penaltyUntil - now, b);
        }
        if (b.knowsRemaining(now) && b.remaining <= 1) { // the last call of the window is the application's
            return new Admission(false, b.remainingAt + b.windowMillis - now, b);
        }
        double needed = 1 + (reusable ? policy.reserve(limit) : 0);
        if (b.tokens < needed) {
            double perMilli = policy.refillPerMilli(limit, windowMillis);
            return new Admission(false, (long) Math.ceil((needed - b.tokens) / perMilli), b);
        }
        return new Admission(true, 0, b.spent(now));
    }

    /** One call spent that was not admitted here (a new token's call, once its answer named this user). */
    public Budget charged(long now, Policy policy) {
        return refilled(now, policy).spent(now);
    }

    /**
     * One admitted call given back: RingCentral rejected its token, and it counts per authenticated user, so the call
     * was not the user's. Never beyond a full bucket.
     */
    public Budget refunded(long now, Policy policy) {
        Budget b = refilled(now, policy);
        int left = b.knowsRemaining(now) ? Math.min(limit, b.remaining + 1) : b.remaining;
        return new Budget(
                limit, windowMillis, Math.min(policy.burst(limit), b.tokens + 1), now, left, remainingAt, penaltyUntil);
    }

    /** What an answer's {@code X-Rate-Limit-*} headers said: the limit, the window, and what is left of it. */
    public Budget observed(RateLimit seen, long now, Policy policy) {
        Budget b = refilled(now, policy);
        double cap = policy.burst(seen.limit());
        return new Budget(
                seen.limit(),
                seen.window().toMillis(),
                Math.min(b.tokens, cap),
                now,
                seen.remaining(),
                now,
                b.penaltyUntil);
    }

    /** RingCentral answered 429: nothing is sent for this user in this group for {@code retryAfterMillis}. */
    public Budget penalized(long retryAfterMillis, long now, Policy policy) {
        Budget b = refilled(now, policy);
        // a fresh window begins when the penalty ends: what was left before it says nothing of after
        return new Budget(limit, windowMillis, b.tokens, now, -1, 0, Math.max(b.penaltyUntil, now + retryAfterMillis));
    }

    /** The same budget with nothing left of the share: what a budget that cannot be read counts as. */
    public Budget spentOut(long now) {
        return new Budget(limit, windowMillis, 0, now, remaining, remainingAt, penaltyUntil);
    }

    /** From when on this budget is no different from a {@link #fresh} one, and may be forgotten. */
    public long expiresAt(Policy policy) {
        double missing = policy.burst(limit) - tokens;
        long full = refilledAt + (long) Math.ceil(Math.max(0, missing) / policy.refillPerMilli(limit, windowMillis));
        long seen = remaining < 0 ? 0 : remainingAt + windowMillis;
        return Math.max(full, Math.max(seen, penaltyUntil));
    }

    /** The calls the guard may make now out of its share. */
    public double tokensAt(long now, Policy policy) {
        return refilled(now, policy).tokens;
    }

    /** What RingCentral last said is left of the window, less the guard's calls since; -1: unknown. */
    public int remainingNow(long now) {
        return knowsRemaining(now) ? remaining : -1;
    }

    private boolean knowsRemaining(long now) {
        return remaining >= 0 && now - remainingAt < windowMillis;
    }

    private Budget refilled(long now, Policy policy) {
        if (now <= refilledAt) {
            return this;
        }
        double cap = policy.burst(limit);
        double refilled = tokens >= cap
                ? tokens
                : Math.min(cap, tokens + (now - refilledAt) * policy.refillPerMilli(limit, windowMillis));
        return new Budget(limit, windowMillis, refilled, now, remaining, remainingAt, penaltyUntil);
    }

    private Budget spent(long now) {
        int left = knowsRemaining(now) ? remaining - 1 : remaining;
        return new Budget(limit, windowMillis, tokens - 1, now, left, remainingAt, penaltyUntil);
    }
}
