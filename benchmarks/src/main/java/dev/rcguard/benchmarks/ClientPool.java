package dev.rcguard.benchmarks;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pool shaped like the one of core's {@code HttpRingCentralClient} (no queue, daemon threads, idle ones end after
 * 30 s), so that the in-memory transport pays the same thread hand-off.
 *
 * <pre>{@code
 * ExecutorService pool = ClientPool.create(64);
 * }</pre>
 */
final class ClientPool {

    private ClientPool() {}

    static ExecutorService create(int maxThreads) {
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(0, maxThreads, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
            Thread thread = new Thread(task, "benchmark-client-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
