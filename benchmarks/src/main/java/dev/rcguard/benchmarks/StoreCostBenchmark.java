package dev.rcguard.benchmarks;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.rcguard.Decision;
import dev.rcguard.Logical;
import dev.rcguard.simulator.RateLimits;
import dev.rcguard.simulator.RingCentralSimulator;
import dev.rcguard.spi.Caller;
import dev.rcguard.spi.GuardConfig;
import dev.rcguard.spi.PermissionGuard;
import dev.rcguard.spi.RequestMemo;
import dev.rcguard.spi.Requirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What keeping the rate-limit state in the cluster's JCache adds to a check, beside the in-memory store: one thread
 * checks 1,000 users round-robin, 1,000 checks a second on an absolute schedule (each user once a second), against
 * the simulator (no added latency; RingCentral's limits off, the guard's share as for a real user), each check timed
 * and filed as live (it called RingCentral) or reused; first with {@code rcguard.rate-limit-store=memory}, then with
 * {@code jcache} on a Hazelcast member that has a second member on 127.0.0.1 beside it (about half of the keys live on
 * the other member, one loopback hop away, as on a two-node cluster).
 *
 * <pre>
 * java -cp 'benchmarks/target/benchmarks.jar:benchmarks/target/lib/*' dev.rcguard.benchmarks.StoreCostBenchmark [seconds=30]
 * </pre>
 */
public final class StoreCostBenchmark {

    static final int USERS = 1_000;
    static final Requirement MESSAGES = Requirement.permissions(Logical.ALL, "ReadMessages");

    private StoreCostBenchmark() {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int checks = seconds * 1_000;
        try (RingCentralSimulator simulator =
                RingCentralSimulator.builder().rateLimits(RateLimits.disabled()).start()) {
            List<Caller> callers = new ArrayList<>(USERS);
            for (int i = 0; i < USERS; i++) {
                String token = "store-cost-" + i;
                simulator.addUser(u -> u.token(token).grant("ReadMessages"));
                callers.add(Caller.of(token));
            }
            Report.machine("Store cost: " + checks + " checks, " + USERS + " users round-robin, 1,000 a second");
            System.out.println(
                    "| store | checks | kind | count | p50 (µs) | p90 (µs) | p99 (µs) | p99.9 (µs) | mean (µs) |");
            System.out.println("|---|---:|---|---:|---:|---:|---:|---:|---:|");
            Histogram[] memory = run("memory", Map.of(), simulator, callers, checks);
            HazelcastInstance second = Hazelcast.newHazelcastInstance(
                    Config.loadFromClasspath(StoreCostBenchmark.class.getClassLoader(), "store-cost-hazelcast.xml"));
            try {
                Histogram[] jcache = run(
                        "jcache, 2 Hazelcast members",
                        Map.of(
                                GuardConfig.RATE_LIMIT_STORE, "jcache",
                                GuardConfig.JCACHE_PROVIDER, "com.hazelcast.cache.HazelcastMemberCachingProvider",
                                GuardConfig.JCACHE_URI, "classpath:store-cost-hazelcast.xml"),
                        simulator,
                        callers,
                        checks);
                for (int kind = 0; kind < 2; kind++) {
                    System.out.printf(
                            "%nadded by the shared store to a %s check: p50 %+d µs, p99 %+d µs",
                            KINDS[kind],
                            (jcache[kind].getValueAtPercentile(50) - memory[kind].getValueAtPercentile(50)) / 1_000,
                            (jcache[kind].getValueAtPercentile(99) - memory[kind].getValueAtPercentile(99)) / 1_000);
                }
                System.out.println();
            } finally {
                second.shutdown();
            }
        }
    }

    static final String[] KINDS = {"live", "reused"};

    /** The latencies of the live checks, then of the reused ones. */
    private static Histogram[] run(
            String store,
            Map<String, String> settings,
            RingCentralSimulator simulator,
            List<Caller> callers,
            int checks)
            throws InterruptedException {
        GuardConfig config = GuardConfig.load(settings::get).withServerUrl(simulator.baseUri());
        Histogram[] latencies = {new Histogram(3_600_000_000L, 3), new Histogram(3_600_000_000L, 3)};
        try (PermissionGuard guard = PermissionGuard.create(config)) {
            for (int i = 0; i < 2 * USERS; i++) { // warm-up: every user known, classes loaded, connections open
                check(guard, callers.get(i % callers.size()));
            }
            long start = System.nanoTime();
            for (int i = 0; i < checks; i++) {
                long due = start + i * 1_000_000L; // one check a millisecond
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                long live = guard.economy().liveCalls();
                long began = System.nanoTime();
                Decision decision = check(guard, callers.get(i % callers.size()));
                long took = System.nanoTime() - began;
                if (!decision.isGranted()) {
                    throw new IllegalStateException("check " + i + " was not granted: " + decision);
                }
                latencies[guard.economy().liveCalls() > live ? 0 : 1].recordValue(took);
            }
            for (int kind = 0; kind < 2; kind++) {
                Histogram h = latencies[kind];
                System.out.printf(
                        "| %s | %d | %s | %d | %d | %d | %d | %d | %.0f |%n",
                        store,
                        checks,
                        KINDS[kind],
                        h.getTotalCount(),
                        h.getValueAtPercentile(50) / 1_000,
                        h.getValueAtPercentile(90) / 1_000,
                        h.getValueAtPercentile(99) / 1_000,
                        h.getValueAtPercentile(99.9) / 1_000,
                        h.getMean() / 1_000);
            }
        }
        return latencies;
    }

    private static Decision check(PermissionGuard guard, Caller caller) {
        return guard.check(caller, MESSAGES, null, RequestMemo.create());
    }
}
