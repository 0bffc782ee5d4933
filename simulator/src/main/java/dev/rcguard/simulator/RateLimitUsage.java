package dev.rcguard.simulator;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A read-only look at one RingCentral user's budget in one rate-limit group, as the simulator counts it: what the
 * user's tokens and {@link RingCentralSimulator#spend(String, RateLimits.Group, int) the application's own calls}
 * have spent in the current window, and whether the user is in a penalty.
 *
 * <pre>{@code
 * RateLimitUsage light = simulator.rateLimitUsage("t1", RateLimits.Group.LIGHT);
 * assertThat(light.spent()).isEqualTo(3);
 * assertThat(light.remaining()).isEqualTo(47);
 * assertThat(light.penaltyEnds()).isEmpty();
 * }</pre>
 *
 * @param group the rate-limit group
 * @param limit the group's limit per window ({@code X-Rate-Limit-Limit})
 * @param spent calls allowed in the current window (refused ones are not counted); 0 when no window runs, and
 *     always 0 with {@link RateLimits#disabled() disabled} limits
 * @param windowEnd when the current window ends, or {@code null} when no window runs (also during a penalty: a
 *     fresh window begins when it ends)
 * @param penaltyEnd when the current penalty ends (a call before then restarts it), or {@code null} when the user
 *     is not in a penalty
 */
public record RateLimitUsage(RateLimits.Group group, int limit, int spent, Instant windowEnd, Instant penaltyEnd) {

    /**
     * A usage snapshot.
     *
     * @param group the rate-limit group
     * @param limit calls allowed per window
     * @param spent calls allowed in the current window
     * @param windowEnd when the current window ends, or {@code null}
     * @param penaltyEnd when the current penalty ends, or {@code null}
     */
    public RateLimitUsage {
        Objects.requireNonNull(group, "group");
    }

    static RateLimitUsage fresh(RateLimits.Group group, int limit) {
        return new RateLimitUsage(group, limit, 0, null, null);
    }

    /** {@return what is left of the budget in the current window: {@code limit - spent}, or 0 during a penalty} */
    public int remaining() {
        return inPenalty() ? 0 : Math.max(0, limit - spent);
    }

    /** {@return whether the user is in a penalty: every call is answered 429 and restarts it} */
    public boolean inPenalty() {
        return penaltyEnd != null;
    }

    /** {@return when the current penalty ends, if the user is in one} */
    public Optional<Instant> penaltyEnds() {
        return Optional.ofNullable(penaltyEnd);
    }

    /** {@return when the current window ends, if one runs} */
    public Optional<Instant> windowEnds() {
        return Optional.ofNullable(windowEnd);
    }
}
