package dev.rcguard.internal.telemetry;

import dev.rcguard.Decision;
import dev.rcguard.internal.http.HttpResponse;
import dev.rcguard.spi.GuardConfig;
import dev.rcguard.spi.Requirement;
import dev.rcguard.spi.RingCentralClient.Answer;
import java.lang.System.Logger.Level;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.IntSupplier;

/**
 * What the guard tells OpenTelemetry: the seam between the engine and {@link OpenTelemetryRecorder}, the only class
 * that touches OpenTelemetry's API. OpenTelemetry is optional: without it (or without an instance the application
 * gave it) every method here is {@link #NONE}'s, which does nothing, and no OpenTelemetry class is ever loaded.
 *
 * <p>The engine calls these hooks on its own threads; none of them throws, blocks or changes a decision. No hook is
 * given a token, a fingerprint of one, or the caller's identity.
 */
public abstract class GuardTelemetry {

    private static final System.Logger LOG = System.getLogger("dev.rcguard");

    /** Records nothing. */
    public static final GuardTelemetry NONE = new GuardTelemetry() {};

    /** The class whose presence says that the application can have OpenTelemetry at all. */
    static final String API = "io.opentelemetry.api.GlobalOpenTelemetry";

    /**
     * The application's OpenTelemetry, if it has one: its CDI bean ({@code @Inject OpenTelemetry}, as MicroProfile
     * Telemetry provides on WildFly, Payara and Open Liberty; {@code rcguard-cdi} hands it over through
     * {@link dev.rcguard.spi.ManagedBeans}), else the global one when something set it (the Java agent, the
     * application's own SDK), else {@link #NONE}. Never fails: an API that cannot be linked is logged and recorded
     * without.
     *
     * @param application the application's class loader (its services)
     */
    public static GuardTelemetry find(GuardConfig config, ClassLoader application) {
        try {
            Class.forName(API, false, GuardTelemetry.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError absent) {
            return NONE; // no OpenTelemetry API: nothing to record to, and nothing changes
        }
        try {
            return OpenTelemetryRecorder.locate(config, application);
        } catch (RuntimeException | LinkageError unusable) {
            LOG.log(
                    Level.WARNING,
                    "OpenTelemetry is present but the RingCentral guard cannot use it; it records no metrics or traces",
                    unusable);
            return NONE;
        }
    }

    /**
     * One check is starting ({@code PermissionGuard.enforce}); its span is the current one on this thread until the
     * returned {@link Check} is closed, so that the upstream calls it makes are its children.
     *
     * @param endpoint the protected endpoint as the adapter named it
     * @param target the target extension, or {@code null}
     * @param answeredByMemo how many ids the request's memo has answered so far (read at the start and the end)
     */
    public Check check(
            String endpoint, Requirement requirement, String target, boolean enforced, IntSupplier answeredByMemo) {
        return Check.NONE;
    }

    /** The request was already granted {@code requirement}: its ids are answered by the memo, and nothing is checked. */
    public void alreadyGranted(Requirement requirement) {}

    /** A check joined an identical call in flight, which answers {@code ids} ids for it. */
    public void coalesced(int ids) {}

    /** The rate-limit economy answered an id with the user's decision of at most the maximum age, without a call. */
    public void reused() {}

    /** The rate-limit economy refused an id without a call (503): {@code reasonCode} says why. */
    public void refusedForBudget(String reasonCode) {}

    /** RingCentral answered 429: the user's calls in {@code group} are held for the penalty. */
    public void penalized(String group) {}

    /** An answer's {@code X-Rate-Limit-Remaining} in {@code group}: what is left of the user's window. */
    public void budgetSeen(String group, int remaining) {}

    /**
     * One call to RingCentral is about to go out, from this thread (whose current span, the check's, is its parent).
     *
     * @param target the path and query below the server URL (no token is ever in it)
     */
    public Call call(String target) {
        return Call.NONE;
    }

    /** One check, from {@link #check} until it is closed. */
    public interface Check extends AutoCloseable {

        Check NONE = new Check() {};

        /** What the check decided; ends its span. */
        default void decided(Decision decision) {}

        /** Leaves the span's scope (and ends the span, if no decision came). Never throws. */
        @Override
        default void close() {}
    }

    /** One call to RingCentral: wraps the reading of its answer, and sees its end. */
    public interface Call {

        Call NONE = new Call() {};

        /** {@code decide}, noting the HTTP status and what it made of the answer. */
        default Function<HttpResponse, Answer> answering(Function<HttpResponse, Answer> decide) {
            return decide;
        }

        /** {@code call}, whose completion ends the recording before anyone depending on it is told. */
        default CompletableFuture<Answer> ended(CompletableFuture<Answer> call) {
            return call;
        }
    }
}
