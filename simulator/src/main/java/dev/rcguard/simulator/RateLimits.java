package dev.rcguard.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * Rate limits the simulator enforces per RingCentral user and group, like RingCentral's per user and app.
 *
 * <p>A user is an account and extension: all of its tokens spend one budget per group, and calls to different
 * endpoints of one group add up. Within each {@code window} (fixed, from the user's first call in the group) a
 * user may make {@code light} Light calls, {@code medium} Medium ones and {@code auth} calls to the OAuth token
 * endpoint (group Auth, RingCentral's default 5). The next call is answered 429 with
 * {@code Retry-After} equal to {@code penalty}; every call arriving during the penalty restarts it. When the
 * penalty has passed a fresh window begins. With {@code enabled == false} nothing is counted or refused and the
 * {@code X-Rate-Limit-*} headers show the configured limit with nothing used.
 *
 * <pre>{@code
 * RateLimits.ringCentralDefaults();                                        // 50 / 40 / 5 per 60 s, 60 s penalty
 * RateLimits.of(2, 2, Duration.ofSeconds(1), Duration.ofSeconds(1));       // quick tests (Auth stays 5)
 * RateLimits.of(2, 2, 1, Duration.ofSeconds(1), Duration.ofSeconds(1));    // Auth 1 too
 * RateLimits.disabled();                                                   // benchmarks
 * }</pre>
 *
 * @param enabled whether requests over the limit are refused
 * @param light requests per window for the Light group
 * @param medium requests per window for the Medium group
 * @param auth requests per window for the Auth group ({@code POST /restapi/oauth/token})
 * @param window the counting window
 * @param penalty how long a user is refused in a group after exceeding its limit; {@code Retry-After} in whole
 *     seconds
 */
public record RateLimits(boolean enabled, int light, int medium, int auth, Duration window, Duration penalty) {
    /** RingCentral's default limit of the Auth group: 5 calls a minute per user and app. */
    public static final int DEFAULT_AUTH = 5;

    /** RingCentral's rate-limit groups that the simulated endpoints belong to. */
    public enum Group {
        /** RingCentral's Light group. */
        LIGHT("Light"),
        /** RingCentral's Medium group. */
        MEDIUM("Medium"),
        /** The OAuth token endpoint. */
        AUTH("Auth");

        private final String headerValue;

        Group(String headerValue) {
            this.headerValue = headerValue;
        }

        /** {@return the value of {@code X-Rate-Limit-Group}} */
        public String headerValue() {
            return headerValue;
        }
    }

    /**
     * Validated limits.
     *
     * @param enabled whether they are enforced
     * @param light the Light limit, positive
     * @param medium the Medium limit, positive
     * @param auth the Auth limit, positive
     * @param window the window, positive
     * @param penalty the penalty, positive
     */
    public RateLimits {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(penalty, "penalty");
        if (light < 1 || medium < 1 || auth < 1 || window.isNegative() || window.isZero() || penalty.isNegative()) {
            throw new IllegalArgumentException("limits and window must be positive, penalty not negative");
        }
    }

    /**
     * The limits with Auth at {@value #DEFAULT_AUTH}, as before the Auth group existed.
     *
     * @param enabled whether they are enforced
     * @param light the Light limit per window
     * @param medium the Medium limit per window
     * @param window the window
     * @param penalty the penalty after a 429
     */
    public RateLimits(boolean enabled, int light, int medium, Duration window, Duration penalty) {
        this(enabled, light, medium, DEFAULT_AUTH, window, penalty);
    }

    /** {@return light 50, Medium 40, Auth 5 per 60 s; 60 s penalty} */
    public static RateLimits ringCentralDefaults() {
        return of(50, 40, Duration.ofSeconds(60), Duration.ofSeconds(60));
    }

    /**
     * Enforced limits with the given values; Auth {@value #DEFAULT_AUTH}.
     *
     * @param light the Light limit per window
     * @param medium the Medium limit per window
     * @param window the window
     * @param penalty the penalty after a 429
     * @return the limits
     */
    public static RateLimits of(int light, int medium, Duration window, Duration penalty) {
        return new RateLimits(true, light, medium, window, penalty);
    }

    /**
     * Enforced limits with the given values, Auth included.
     *
     * @param light the Light limit per window
     * @param medium the Medium limit per window
     * @param auth the Auth limit per window
     * @param window the window
     * @param penalty the penalty after a 429
     * @return the limits
     */
    public static RateLimits of(int light, int medium, int auth, Duration window, Duration penalty) {
        return new RateLimits(true, light, medium, auth, window, penalty);
    }

    /**
     * These limits with another Auth limit.
     *
     * @param auth the Auth limit per window
     * @return the new limits
     */
    public RateLimits withAuth(int auth) {
        return new RateLimits(enabled, light, medium, auth, window, penalty);
    }

    /** {@return ringCentral's default numbers, but never enforced} */
    public static RateLimits disabled() {
        return new RateLimits(false, 50, 40, Duration.ofSeconds(60), Duration.ofSeconds(60));
    }

    /**
     * The limit of one group.
     *
     * @param group a rate-limit group
     * @return its limit per window
     */
    public int limit(Group group) {
        return switch (group) {
            case LIGHT -> light;
            case MEDIUM -> medium;
            case AUTH -> auth;
        };
    }
}
