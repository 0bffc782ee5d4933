package dev.rcguard.internal;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The daemon threads of one pool, named {@code prefix-N}, remembered until they have ended so that the pool's owner
 * can wait for them on close: a servlet container looks for threads an application left behind right after it stops,
 * and a pool's termination is signalled while its last thread is still ending.
 */
public final class DaemonThreads implements ThreadFactory {

    private final String prefix;
    private final AtomicInteger count = new AtomicInteger();
    private final Set<Thread> started = ConcurrentHashMap.newKeySet();

    public DaemonThreads(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable task) {
        started.removeIf(thread -> !thread.isAlive());
        Thread thread = new Thread(task, prefix + count.incrementAndGet());
        thread.setDaemon(true);
        started.add(thread);
        return thread;
    }

    /**
     * Waits until every thread started here has ended, at most {@code wait} in all; the pool must be shut down first.
     *
     * @return whether they all ended
     */
    public boolean join(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            for (Thread thread : started) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                thread.join(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        started.removeIf(thread -> !thread.isAlive());
        return started.isEmpty();
    }
}
