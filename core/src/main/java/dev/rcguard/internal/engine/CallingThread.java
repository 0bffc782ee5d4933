package dev.rcguard.internal.engine;

import java.util.concurrent.Executor;

/**
 * Lets a thread that is about to wait for a check's decision make the first of the check's calls to RingCentral
 * itself. A check that needs one call then runs it on the request's own thread: no hand-off to a pool thread and back,
 * which with its two wake-ups cost more CPU than the rest of a live check but the socket work. The check's further
 * calls still go to the pool the moment they are made, so the ids of one requirement are asked concurrently. The call
 * is bounded by its deadline wherever it runs: every read of the transport is.
 *
 * <pre>{@code
 * Executor calls = CallingThread.firstOnWaitingThread(pool);   // the client's, made once
 * try (CallingThread waiting = CallingThread.willWait()) {
 *     CompletableFuture<Decision> decision = checkAsync(...); // its first call is handed to this thread
 *     waiting.runHandedOver();
 *     return decision.get(deadline, MILLISECONDS);
 * }
 * }</pre>
 */
public final class CallingThread implements AutoCloseable {

    private static final ThreadLocal<CallingThread> WAITING = new ThreadLocal<>();

    private final CallingThread outer;
    private Runnable handedOver;
    private boolean taking = true;

    private CallingThread(CallingThread outer) {
        this.outer = outer;
    }

    /** This thread will wait for the check it starts now: it takes the check's first call. */
    public static CallingThread willWait() {
        CallingThread waiting = new CallingThread(WAITING.get());
        WAITING.set(waiting);
        return waiting;
    }

    /**
     * An executor that hands a task to the current thread when it {@linkplain #willWait() will wait} and has taken none
     * yet, and otherwise runs it on {@code pool}.
     */
    public static Executor firstOnWaitingThread(Executor pool) {
        return task -> {
            CallingThread waiting = WAITING.get();
            if (waiting != null && waiting.taking) {
                waiting.taking = false;
                waiting.handedOver = task;
            } else {
                pool.execute(task);
            }
        };
    }

    /** Runs the call handed over, if one was; from now on every call goes to the pool. */
    public void runHandedOver() {
        taking = false;
        Runnable task = handedOver;
        handedOver = null;
        if (task != null) {
            task.run();
        }
    }

    /** Runs a call handed over and not run yet (it is never dropped), and lets the thread go. */
    @Override
    public void close() {
        try {
            runHandedOver();
        } finally {
            // set, never remove: a request thread's map of thread locals is large in a server, and removing then adding
            // an entry on every check costs more than the check (seen in JFR). A null value holds nothing of the
            // application's, so the entry keeps no class loader alive.
            WAITING.set(outer);
        }
    }
}
