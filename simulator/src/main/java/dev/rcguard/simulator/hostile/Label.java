package dev.rcguard.simulator.hostile;

import java.util.OptionalInt;

/**
 * The hand-written oracle of an {@link AnswerKind}: is the answer a genuine grant, and if not, which refusal a
 * caller of the guarded endpoint should see (the library's mapping: a denial is 403, a token RingCentral
 * rejects is 401, anything unusable is 503). {@link #REFUSED} claims no class: only that the request must not
 * pass.
 */
public enum Label {
    /** A genuine grant: the only label that may let a request through. */
    GRANT(0),
    /** Not a grant; a well-formed denial or a RingCentral 400/403/404: the caller should get 403. */
    DENIED(403),
    /** Not a grant; RingCentral rejected the token (401): the caller should get 401. */
    UNAUTHENTICATED(401),
    /** Not a grant; unusable, ambiguous, rate-limited, late or broken: the caller should get 503. */
    UNAVAILABLE(503),
    /** Not a grant; the class of refusal is left open (403 and 503 are both defensible). */
    REFUSED(0);

    private final int status;

    Label(int status) {
        this.status = status;
    }

    /**
     * True only for {@link #GRANT}.
     *
     * @return whether this is {@link #GRANT}
     */
    public boolean isGrant() {
        return this == GRANT;
    }

    /** {@return the status the guarded endpoint should answer when refusing, if this label claims one} */
    public OptionalInt expectedStatus() {
        return status == 0 ? OptionalInt.empty() : OptionalInt.of(status);
    }
}
