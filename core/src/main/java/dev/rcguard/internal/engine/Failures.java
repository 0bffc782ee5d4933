package dev.rcguard.internal.engine;

import dev.rcguard.Decision;
import dev.rcguard.Reason;
import java.lang.System.Logger.Level;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/** What the engine answers when something it did not expect went wrong: never a grant. */
public final class Failures {

    private static final System.Logger LOG = System.getLogger("dev.rcguard");

    private Failures() {}

    public static Decision unexpected(Throwable failure) {
        LOG.log(Level.WARNING, "RingCentral check failed unexpectedly; refusing", failure);
        return Decision.unavailable(new Reason("GuardError", "The permission check could not be completed"));
    }

    /** Completes {@code target} with the decision, or with a refusal if there was none. */
    public static BiConsumer<Decision, Throwable> completing(CompletableFuture<Decision> target) {
        return (decision, failure) -> target.complete(
                failure != null
                        ? unexpected(failure)
                        : decision != null ? decision : unexpected(new IllegalStateException("no decision")));
    }

    public static Decision timedOut() {
        return Decision.unavailable(new Reason("Timeout", "RingCentral did not answer in time"));
    }
}
