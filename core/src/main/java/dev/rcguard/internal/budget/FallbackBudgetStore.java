package dev.rcguard.internal.budget;

import dev.rcguard.internal.DaemonThreads;
import dev.rcguard.spi.RingCentralClient.RateLimit;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * A shared store that may be slow or gone (a cluster's cache), backed by this node's own state. Every operation on
 * the shared store gets {@link #TIMEOUT} on a thread of its own; when one fails or takes longer, the node uses its
 * own {@link InMemoryBudgetStore} — made with a stricter share, since the other nodes spend the same budget unseen —
 * for {@link #PAUSE}, then tries the shared store again. A request therefore never waits on the cache for more than
 * one timeout, nothing fails open (the local store admits fewer calls, never more), and the switch is logged once at
 * WARNING each way down and at INFO on the way back.
 */
public final class FallbackBudgetStore implements BudgetStore, AutoCloseable {

    static final Duration TIMEOUT = Duration.ofMillis(500);
    static final Duration PAUSE = Duration.ofSeconds(5);

    /** The share a node keeps to while it cannot reach the others: a quarter of the configured one. */
    public static Policy stricter(Policy policy) {
        return new Policy(Math.max(0.05, policy.share() / 4), policy.maxDecisionAgeMillis());
    }

    private static final System.Logger LOG = System.getLogger("dev.rcguard");

    private final BudgetStore shared;
    private final BudgetStore local;
    private final String what;
    private final LongSupplier nanoClock;
    private final DaemonThreads threads = new DaemonThreads("rcguard-store-");
    private final ThreadPoolExecutor calls;
    private volatile long pausedUntil;
    private volatile boolean down;

    /**
     * @param shared the cluster's store
     * @param local this node's store, made with {@link #stricter} policy
     * @param what the shared store's name, for the log
     */
    public FallbackBudgetStore(BudgetStore shared, BudgetStore local, String what, LongSupplier nanoClock) {
        this.shared = shared;
        this.local = local;
        this.what = what;
        this.nanoClock = nanoClock;
        this.calls = new ThreadPoolExecutor(0, 32, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), threads);
    }

    /** Whether the node uses its own state right now. */
    public boolean usingLocalState() {
        return down;
    }

    private <T> T call(Function<BudgetStore, T> operation) {
        if (down && nanoClock.getAsLong() - pausedUntil < 0) {
            return operation.apply(local);
        }
        Future<T> answer;
        try {
            answer = calls.submit(() -> operation.apply(shared));
        } catch (RejectedExecutionException busy) { // every thread waits on the shared store already
            return fallBack(busy, operation);
        }
        try {
            T value = answer.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (down) {
                down = false;
                LOG.log(Level.INFO, "RingCentral guard: the rate-limit store ({0}) answers again", what);
            }
            return value;
        } catch (TimeoutException | ExecutionException failed) {
            answer.cancel(true);
            return fallBack(failed, operation);
        } catch (InterruptedException interrupted) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            return operation.apply(local);
        }
    }

    private <T> T fallBack(Exception why, Function<BudgetStore, T> operation) {
        pausedUntil = nanoClock.getAsLong() + PAUSE.toNanos();
        if (!down) {
            down = true;
            LOG.log(
                    Level.WARNING,
                    "RingCentral guard: the rate-limit store ({0}) failed or took longer than {1} ms ({2}); this node"
                            + " keeps to its own state and a quarter of its share until the store answers again",
                    what,
                    TIMEOUT.toMillis(),
                    why instanceof ExecutionException e && e.getCause() != null ? e.getCause() : why);
        }
        return operation.apply(local);
    }

    @Override
    public TokenUser userOf(String tokenHash, long now) {
        return call(store -> store.userOf(tokenHash, now));
    }

    @Override
    public void learn(String tokenHash, String user, long now, long until) {
        call(store -> {
            store.learn(tokenHash, user, now, until);
            return null;
        });
    }

    @Override
    public void forget(String tokenHash) {
        local.forget(tokenHash); // a rejected token is forgotten everywhere this node can reach
        call(store -> {
            store.forget(tokenHash);
            return null;
        });
    }

    @Override
    public Budget.Admission admit(String budgetKey, String group, long now, boolean reusable) {
        return call(store -> store.admit(budgetKey, group, now, reusable));
    }

    @Override
    public void charge(String budgetKey, String group, long now) {
        call(store -> {
            store.charge(budgetKey, group, now);
            return null;
        });
    }

    @Override
    public void refund(String budgetKey, String group, long now) {
        call(store -> {
            store.refund(budgetKey, group, now);
            return null;
        });
    }

    @Override
    public void observe(String budgetKey, RateLimit seen, long now) {
        call(store -> {
            store.observe(budgetKey, seen, now);
            return null;
        });
    }

    @Override
    public void penalize(String budgetKey, String group, long retryAfterMillis, long now) {
        local.penalize(budgetKey, group, retryAfterMillis, now); // a penalty holds on this node whatever happens
        call(store -> {
            store.penalize(budgetKey, group, retryAfterMillis, now);
            return null;
        });
    }

    @Override
    public Budget budget(String budgetKey) {
        return call(store -> store.budget(budgetKey));
    }

    @Override
    public Remembered latest(String decisionKey, long now) {
        return call(store -> store.latest(decisionKey, now));
    }

    @Override
    public void remember(String decisionKey, Remembered decision, long until) {
        call(store -> {
            store.remember(decisionKey, decision, until);
            return null;
        });
    }

    @Override
    public void clear() {
        local.clear();
        call(store -> {
            store.clear();
            return null;
        });
    }

    @Override
    public int size() {
        return call(BudgetStore::size);
    }

    /**
     * Closes the shared store, then waits (at most a second) for the threads that called it: a servlet container checks
     * for threads left behind right after the application stops.
     */
    @Override
    public void close() {
        calls.shutdownNow();
        if (shared instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "Closing the rate-limit store failed", e);
            }
        }
        threads.join(Duration.ofSeconds(1));
    }
}
