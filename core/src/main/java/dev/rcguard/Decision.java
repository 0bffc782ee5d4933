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
 *
 * @param outcome what the check concluded
 * @param kind what was denied, a permission or a feature; {@code null} unless {@code DENIED}
 * @param id the denied permission or feature id; {@code null} unless {@code DENIED}
 * @param reason why not: RingCentral's reason or error; {@code null} for a grant and for a missing token
 * @param retryAfter how long RingCentral asked to wait (HTTP 429); {@code null} otherwise
 */
public record Decision(Outcome outcome, Kind kind, String id, Reason reason, Duration retryAfter) {

    /** What a check concluded. */
    public enum Outcome {
        /** Every permission and feature asked was granted: the protected code runs. */
        GRANTED,
        /** RingCentral said no to a permission or feature (HTTP 403). */
        DENIED,
        /** No usable token, or RingCentral rejected it (HTTP 401). */
        UNAUTHENTICATED,
        /** RingCentral gave no usable answer: timeout, error, malformed answer or 429 (HTTP 503). */
        UNAVAILABLE
    }

    /** What was checked: a permission (authz-profile/check) or a feature (features). */
    public enum Kind {
        /** A permission, asked at {@code authz-profile/check}. */
        PERMISSION,
        /** A feature, asked at {@code features}. */
        FEATURE
    }

    private static final Decision GRANTED = new Decision(Outcome.GRANTED, null, null, null, null);
    private static final Decision NO_TOKEN = new Decision(Outcome.UNAUTHENTICATED, null, null, null, null);

    /**
     * A decision; a {@code DENIED} one must name its kind, id and reason.
     *
     * @param outcome what the check concluded
     * @param kind what was denied, or {@code null}
     * @param id the denied id, or {@code null}
     * @param reason why not, or {@code null}
     * @param retryAfter how long RingCentral asked to wait, or {@code null}
     */
    public Decision {
        Objects.requireNonNull(outcome, "outcome");
        if (outcome == Outcome.DENIED) {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** {@return the grant: everything asked was granted} */
    public static Decision granted() {
        return GRANTED;
    }

    /**
     * RingCentral denied a permission or a feature.
     *
     * @param kind a permission or a feature
     * @param id the denied id
     * @param reason RingCentral's reason
     * @return a {@code DENIED} decision
     */
    public static Decision denied(Kind kind, String id, Reason reason) {
        return new Decision(Outcome.DENIED, kind, id, reason, null);
    }

    /** {@return an {@code UNAUTHENTICATED} decision: no usable bearer token came with the request, nothing was sent to RingCentral} */
    public static Decision missingToken() {
        return NO_TOKEN;
    }

    /**
     * RingCentral rejected the token (HTTP 401).
     *
     * @param reason RingCentral's error, such as {@code OAU-128}
     * @return an {@code UNAUTHENTICATED} decision carrying the reason
     */
    public static Decision invalidToken(Reason reason) {
        return new Decision(Outcome.UNAUTHENTICATED, null, null, Objects.requireNonNull(reason), null);
    }

    /**
     * RingCentral gave no usable answer.
     *
     * @param reason what went wrong (a timeout, an error status, a malformed answer)
     * @return an {@code UNAVAILABLE} decision
     */
    public static Decision unavailable(Reason reason) {
        return new Decision(Outcome.UNAVAILABLE, null, null, Objects.requireNonNull(reason), null);
    }

    /**
     * RingCentral answered 429: nothing more may be sent for this token before {@code retryAfter} has passed.
     *
     * @param reason RingCentral's error
     * @param retryAfter how long to wait before the next call for this token
     * @return an {@code UNAVAILABLE} decision that {@link #isRateLimited() is rate limited}
     */
    public static Decision rateLimited(Reason reason, Duration retryAfter) {
        return new Decision(Outcome.UNAVAILABLE, null, null, reason, Objects.requireNonNull(retryAfter));
    }

    /** {@return whether the protected code may run} */
    public boolean isGranted() {
        return outcome == Outcome.GRANTED;
    }

    /** {@return whether RingCentral asked to wait before the next call for this token} */
    public boolean isRateLimited() {
        return retryAfter != null;
    }
}
