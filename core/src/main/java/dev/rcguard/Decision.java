package dev.rcguard;

import java.time.Duration;
import java.util.Objects;

/**
 * The answer to one check: {@link Outcome#GRANTED}, or why not.
 *
 * <ul>
 *   <li>{@code DENIED}: RingCentral said no ({@code successful:false}, {@code available:false}, a missing record, a
 *       403); {@link #kind()} and {@link #id()} name what was denied, {@link #reason()} why.
 *   <li>{@code UNAUTHENTICATED}: no usable token ({@link #reason()} is {@code null}: nothing was sent), or RingCentral
 *       rejected it (the reason carries RingCentral's code, such as {@code OAU-128}).
 *   <li>{@code UNAVAILABLE}: RingCentral could not give an answer; {@link #retryAfter()} is set when it asked us to
 *       wait (HTTP 429).
 * </ul>
 *
 * <p>Only {@code GRANTED} lets the protected code run.
 */
public record Decision(Outcome outcome, Kind kind, String id, Reason reason, Duration retryAfter) {

    /** What a check concluded. */
    public enum Outcome {
        GRANTED,
        DENIED,
        UNAUTHENTICATED,
        UNAVAILABLE
    }

    /** What was checked: a permission (authz-profile/check) or a feature (features). */
    public enum Kind {
        PERMISSION,
        FEATURE
    }

    private static final Decision GRANTED = new Decision(Outcome.GRANTED, null, null, null, null);
    private static final Decision NO_TOKEN = new Decision(Outcome.UNAUTHENTICATED, null, null, null, null);

    public Decision {
        Objects.requireNonNull(outcome, "outcome");
        if (outcome == Outcome.DENIED) {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(reason, "reason");
        }
    }

    public static Decision granted() {
        return GRANTED;
    }

    public static Decision denied(Kind kind, String id, Reason reason) {
        return new Decision(Outcome.DENIED, kind, id, reason, null);
    }

    /** No usable bearer token came with the request; nothing was sent to RingCentral. */
    public static Decision missingToken() {
        return NO_TOKEN;
    }

    /** RingCentral rejected the token (HTTP 401). */
    public static Decision invalidToken(Reason reason) {
        return new Decision(Outcome.UNAUTHENTICATED, null, null, Objects.requireNonNull(reason), null);
    }

    public static Decision unavailable(Reason reason) {
        return new Decision(Outcome.UNAVAILABLE, null, null, Objects.requireNonNull(reason), null);
    }

    /** RingCentral answered 429: nothing more may be sent for this token before {@code retryAfter} has passed. */
    public static Decision rateLimited(Reason reason, Duration retryAfter) {
        return new Decision(Outcome.UNAVAILABLE, null, null, reason, Objects.requireNonNull(retryAfter));
    }

    public boolean isGranted() {
        return outcome == Outcome.GRANTED;
    }

    /** Whether RingCentral asked to wait before the next call for this token. */
    public boolean isRateLimited() {
        return retryAfter != null;
    }
}
