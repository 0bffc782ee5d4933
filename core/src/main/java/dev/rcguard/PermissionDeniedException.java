package dev.rcguard;

import java.util.Objects;

/**
 * Thrown where a check did not grant and there is no HTTP response to write directly (the CDI interceptor on a
 * service bean). Adapters render it with {@link dev.rcguard.spi.ProblemRenderer}, as they render a direct refusal.
 */
public class PermissionDeniedException extends RuntimeException {

    private final transient Decision decision;

    /**
     * A refusal to be rendered by the adapter.
     *
     * @param decision the check's decision; never a grant
     * @throws IllegalArgumentException if {@code decision} is a grant
     */
    public PermissionDeniedException(Decision decision) {
        super(describe(decision), null, false, false);
        if (decision.isGranted()) {
            throw new IllegalArgumentException("a granted decision is not a denial");
        }
        this.decision = decision;
    }

    /** {@return the decision that refused: denied, unauthenticated or unavailable} */
    public Decision decision() {
        return decision;
    }

    private static String describe(Decision decision) {
        Objects.requireNonNull(decision, "decision");
        String what = decision.id() == null ? "" : " " + decision.kind().name().toLowerCase() + " " + decision.id();
        String why = decision.reason() == null ? "" : ": " + decision.reason().code();
        return "RingCentral check " + decision.outcome() + what + why;
    }
}
