package dev.rcguard.benchmarks;

import dev.rcguard.Decision;
import dev.rcguard.Logical;
import dev.rcguard.spi.Caller;
import dev.rcguard.spi.GuardConfig;
import dev.rcguard.spi.PermissionGuard;
import dev.rcguard.spi.RequestMemo;
import dev.rcguard.spi.Requirement;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Retained heap of the guard and its client while 100,000 requests arrive from 10,000 distinct tokens, every tenth
 * token answered 429 with {@code Retry-After: 1}. After every 10,000 requests the workers stop, a full GC runs and the
 * heap still in use is read: it must stay flat, since no state per token may outlive its in-flight call or its
 * Retry-After window. The simulator runs in a child JVM ({@link SimulatorProcess}) so that its own per-token state
 * is not in this heap.
 *
 * <pre>
 * java -Xmx256m -cp benchmarks/target/benchmarks.jar dev.rcguard.benchmarks.MemoryBenchmark [requests] [tokens]
 * </pre>
 */
public final class MemoryBenchmark {

    private static final int WORKERS = 16;
    private static final int RATE_LIMITED_EVERY = 10;
    private static final int RETRY_AFTER_SECONDS = 1;
    private static final Requirement READ_MESSAGES = Requirement.permissions(Logical.ALL, "ReadMessages");

    private final PermissionGuard guard;
    private final int tokens;
    private final LongAdder granted = new LongAdder();
    private final LongAdder rateLimited = new LongAdder();
    private final LongAdder other = new LongAdder();

    private MemoryBenchmark(PermissionGuard guard, int tokens) {
        this.guard = guard;
        this.tokens = tokens;
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int tokens = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int step = Math.max(1, requests / 10);
        try (SimulatorProcess.Handle rc = SimulatorProcess.start(tokens, RATE_LIMITED_EVERY, RETRY_AFTER_SECONDS)) {
            GuardConfig config = GuardConfig.load(name -> null).withServerUrl(rc.baseUri());
            try (PermissionGuard guard = PermissionGuard.create(config)) {
                MemoryBenchmark benchmark = new MemoryBenchmark(guard, tokens);
                benchmark.run(0, 2_000, 200); // warm-up over 200 tokens: classes loaded, connections open
                Thread.sleep(RETRY_AFTER_SECONDS * 1000L + 200);
                Report.machine("Memory: " + requests + " requests from " + tokens + " tokens, every "
                        + RATE_LIMITED_EVERY + "th answered 429 with Retry-After: " + RETRY_AFTER_SECONDS);
                long baseline = retainedHeap();
                System.out.println("| requests | distinct tokens | retained heap (KiB) | vs. warm baseline (KiB) "
                        + "| economy entries | calls in flight | granted | 503 rate-limited | other |");
                System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
                benchmark.row("0 (warm)", 0, baseline, baseline);
                double seconds = 0;
                for (int done = 0; done < requests; done += step) {
                    long started = System.nanoTime();
                    benchmark.run(done, Math.min(step, requests - done), tokens);
                    seconds += (System.nanoTime() - started) / 1e9;
                    int sent = Math.min(done + step, requests);
                    benchmark.row(String.valueOf(sent), Math.min(sent, tokens), retainedHeap(), baseline);
                }
                Thread.sleep(RETRY_AFTER_SECONDS * 1000L + 500);
                benchmark.run(1, 1, tokens); // one more request, from a token never rate-limited, after every window
                benchmark.row("+1 after Retry-After", Math.min(requests, tokens), retainedHeap(), baseline);
                System.out.printf(
                        "%n%d requests in %.1f s of sending (%.0f/s, %d workers)%n",
                        requests, seconds, requests / seconds, WORKERS);
            }
        }
    }

    /** Sends {@code count} requests, the {@code i}-th from token {@code i % distinct}, on {@link #WORKERS} threads. */
    private void run(int first, int count, int distinct) throws Exception {
        AtomicInteger next = new AtomicInteger(first);
        int end = first + count;
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                done.add(workers.submit(() -> {
                    for (int i = next.getAndIncrement(); i < end; i = next.getAndIncrement()) {
                        String token = SimulatorProcess.token(i % Math.min(distinct, tokens));
                        count(guard.check(
                                Caller.ofBearer("Bearer " + token), READ_MESSAGES, null, RequestMemo.create()));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            workers.shutdown();
        }
    }

    private void count(Decision decision) {
        if (decision.isGranted()) {
            granted.increment();
        } else if (decision.isRateLimited()) {
            rateLimited.increment();
        } else {
            other.increment();
        }
    }

    private void row(String requests, int distinctTokens, long heap, long baseline) {
        System.out.printf(
                "| %s | %d | %d | %+d | %d | %d | %d | %d | %d |%n",
                requests,
                distinctTokens,
                heap >> 10,
                (heap - baseline) >> 10,
                guard.economy().entries(),
                guard.callsInFlight(),
                granted.sum(),
                rateLimited.sum(),
                other.sum());
    }

    /** Heap in use after full collections. */
    private static long retainedHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
