package dev.rcguard.benchmarks.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * A closed loop: {@code users} virtual users each send their next request as soon as the previous one is answered
 * (or, with a think time, that long after it), for a fixed time. Latencies are recorded per user in microseconds and
 * merged at the end; a think time is not in them.
 *
 * <pre>{@code
 * LoadGenerator.Result r = LoadGenerator.run(user -> send(user), 16, Duration.ofSeconds(4));
 * double p99 = r.millis(99.0);
 * }</pre>
 */
public final class LoadGenerator {

    /** One request of virtual user {@code user}; {@code true} when it was answered as expected. */
    @FunctionalInterface
    public interface Request {
        boolean send(int user) throws Exception;
    }

    /** What one run measured. */
    public record Result(long requests, long errors, double seconds, Histogram latencies) {
        public double throughput() {
            return requests / seconds;
        }

        public double millis(double percentile) {
            return latencies.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    private LoadGenerator() {}

    public static Result run(Request request, int users, Duration duration) throws Exception {
        return run(request, users, duration, () -> {}, () -> {});
    }

    /**
     * As {@link #run(Request, int, Duration)}, calling {@code atStart} just before the users are released and
     * {@code atEnd} once the last of them has been answered: the measured window, for readings such as a server
     * process's CPU time. Waits at most {@code duration} plus two minutes for the users to finish.
     */
    public static Result run(Request request, int users, Duration duration, Runnable atStart, Runnable atEnd)
            throws Exception {
        return run(request, users, duration, Duration.ZERO, atStart, atEnd);
    }

    /**
     * As {@link #run(Request, int, Duration, Runnable, Runnable)}, each user pausing {@code think} after each answer
     * (never past the end): traffic at a rate set by {@code users} and {@code think} rather than by the server's speed.
     */
    public static Result run(
            Request request, int users, Duration duration, Duration think, Runnable atStart, Runnable atEnd)
            throws Exception {
        long thinkNanos = think.toNanos();
        ExecutorService threads = Executors.newFixedThreadPool(users);
        CountDownLatch ready = new CountDownLatch(users);
        CountDownLatch go = new CountDownLatch(1);
        long[] deadline = new long[1];
        try {
            List<Future<long[]>> perUser = new ArrayList<>();
            List<Histogram> histograms = new ArrayList<>();
            for (int u = 0; u < users; u++) {
                int user = u;
                Histogram histogram = new Histogram(TimeUnit.MINUTES.toMicros(1), 3);
                histograms.add(histogram);
                perUser.add(threads.submit(() -> {
                    ready.countDown();
                    go.await();
                    long end = deadline[0];
                    long requests = 0;
                    long errors = 0;
                    for (long start = System.nanoTime(); start - end < 0; start = System.nanoTime()) {
                        boolean ok;
                        try {
                            ok = request.send(user);
                        } catch (Exception e) {
                            ok = false;
                        }
                        histogram.recordValue(
                                Math.min((System.nanoTime() - start) / 1000, histogram.getHighestTrackableValue()));
                        requests++;
                        errors += ok ? 0 : 1;
                        long pause = Math.min(thinkNanos, end - System.nanoTime());
                        if (pause > 0) {
                            TimeUnit.NANOSECONDS.sleep(pause);
                        }
                    }
                    return new long[] {requests, errors};
                }));
            }
            if (!ready.await(1, TimeUnit.MINUTES)) {
                throw new IllegalStateException("The virtual users did not start within a minute");
            }
            atStart.run();
            long started = System.nanoTime();
            deadline[0] = started + duration.toNanos();
            go.countDown(); // publishes deadline[0] to the users
            long requests = 0;
            long errors = 0;
            long limit = deadline[0] + TimeUnit.MINUTES.toNanos(2);
            for (Future<long[]> f : perUser) {
                long[] counts = f.get(Math.max(0, limit - System.nanoTime()), TimeUnit.NANOSECONDS);
                requests += counts[0];
                errors += counts[1];
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            atEnd.run();
            Histogram all = new Histogram(TimeUnit.MINUTES.toMicros(1), 3);
            histograms.forEach(all::add);
            return new Result(requests, errors, seconds, all);
        } finally {
            threads.shutdownNow();
        }
    }
}
