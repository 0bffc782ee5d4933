package dev.rcguard.internal.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Lets a thread that is about to wait for a check's decision make the check's calls to RingCentral itself: it sends
 * every request first, then reads the answers, so the ids of one requirement are still asked concurrently, with no
 * hand-off to a pool thread and back (whose two wake-ups cost more CPU than the rest of a live check but the socket
 * work). Calls made at any other time, or on another thread, go to the client's pool. A call is bounded by its
 * deadline wherever it runs: every read of the transport is.
 *
 * <pre>{@code
 * try (CallingThread waiting = CallingThread.willWait()) {
 *     CompletableFuture<Decision> decision = checkAsync(...); // its calls are taken by this thread
 *     waiting.runTaken();
 *     return decision.get(deadline, MILLISECONDS);
 * }
 * // in the client: if (!CallingThread.take(call)) { pool.execute(call::run); }
 * }</pre>
 */
public final class CallingThread implements AutoCloseable {

    /** A call in two halves, so that a thread can send several requests before it waits for their answers. */
    public interface Call {

        /** Sends the request; a failure ends the call (its answer is then a refusal). */
        void send();

        /** Reads and decides the answer of a request sent, or does nothing if sending failed. Never throws. */
        void receive();

        /** Both halves. */
        default void run() {
            send();
            receive();
        }
    }

    private static final ThreadLocal<CallingThread> WAITING = new ThreadLocal<>();

    private final CallingThread outer;
    private final List<Call> taken = new ArrayList<>(2);
    private boolean taking = true;

    private CallingThread(CallingThread outer) {
        this.outer = outer;
    }

    /** This thread will wait for the check it starts now: it takes the calls the check makes until {@link #runTaken}. */
    public static CallingThread willWait() {
        CallingThread waiting = new CallingThread(WAITING.get());
        WAITING.set(waiting);
        return waiting;
    }

    /**
     * Gives {@code call} to the current thread if it {@linkplain #willWait() will wait} and is still taking calls.
     *
     * @return whether it was taken; if not, the caller runs it elsewhere
     */
    public static boolean take(Call call) {
        CallingThread waiting = WAITING.get();
        if (waiting == null || !waiting.taking) {
            return false;
        }
        waiting.taken.add(call);
        return true;
    }

    /** Sends every call taken, then receives their answers in turn; from now on no call is taken. */
    public void runTaken() {
        taking = false;
        if (taken.isEmpty()) {
            return;
        }
        try {
            for (Call call : taken) {
                call.send();
            }
        } finally {
            for (Call call : taken) {
                call.receive();
            }
            taken.clear();
        }
    }

    /** Runs the calls taken and not run yet (none is ever dropped), and lets the thread go. */
    @Override
    public void close() {
        try {
            runTaken();
        } finally {
            // set, never remove: a request thread's map of thread locals is large in a server, and removing then adding
            // an entry on every check costs more than the check (seen in JFR). A null value holds nothing of the
            // application's, so the entry keeps no class loader alive.
            WAITING.set(outer);
        }
    }
}
