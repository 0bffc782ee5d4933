package dev.rcguard.benchmarks;

import dev.rcguard.Decision;
import dev.rcguard.Logical;
import dev.rcguard.simulator.Endpoint;
import dev.rcguard.simulator.RateLimits;
import dev.rcguard.simulator.RingCentralSimulator;
import dev.rcguard.spi.Caller;
import dev.rcguard.spi.GuardConfig;
import dev.rcguard.spi.PermissionGuard;
import dev.rcguard.spi.RequestMemo;
import dev.rcguard.spi.Requirement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * 64 concurrent, identical checks (same token, same permission, each its own request memo) against the simulator
 * with 20 ms of upstream latency: how many calls reach RingCentral, with in-flight coalescing on and, for contrast,
 * off. Each round releases all 64 checks at once from a barrier, for a user of its own (a user's earlier decision
 * would otherwise answer the round without a call); several rounds give the spread. Without coalescing the user's
 * budget affords 5 of the 64 at once, and the rest, with no decision to reuse yet, are refused (503).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.rcguard.benchmarks.CoalescingBenchmark [rounds=20]
 * </pre>
 */
public final class CoalescingBenchmark {

    static final int CLIENTS = 64;
    static final String TOKEN = "coalescing-token-";

    private CoalescingBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        try (RingCentralSimulator simulator = RingCentralSimulator.builder()
                .threads(CLIENTS * 2)
                .rateLimits(RateLimits.disabled())
                .defaultLatency(Duration.ofMillis(20))
                .start()) {
            for (int user = 0; user < 2 * (rounds + 2); user++) {
                String token = TOKEN + user;
                simulator.addUser(u -> u.token(token).grant("ReadMessages"));
            }
            int[] users = {0};
            Report.machine("Coalescing: " + CLIENTS + " identical concurrent checks, 20 ms upstream latency");
            System.out.println(
                    "| coalesce-in-flight | rounds | upstream calls per round: min | median | max " + "| granted |");
            System.out.println("|---|---:|---:|---:|---:|---|");
            for (boolean coalesce : new boolean[] {true, false}) {
                GuardConfig config = GuardConfig.load(name -> switch (name) {
                            case GuardConfig.COALESCE_IN_FLIGHT -> String.valueOf(coalesce);
                            default -> null;
                        })
                        .withServerUrl(simulator.baseUri());
                try (PermissionGuard guard = PermissionGuard.create(config)) {
                    round(guard, TOKEN + users[0]++, 2); // warm-up: classes loaded, connections open
                    round(guard, TOKEN + users[0]++, 2);
                    long[] calls = new long[rounds];
                    int granted = 0;
                    for (int r = 0; r < rounds; r++) {
                        simulator.counters().reset();
                        granted += round(guard, TOKEN + users[0]++, CLIENTS);
                        calls[r] = simulator.counters().calls(Endpoint.PERMISSION_CHECK);
                    }
                    Arrays.sort(calls);
                    System.out.printf(
                            "| %s | %d | %d | %d | %d | %d of %d |%n",
                            coalesce,
                            rounds,
                            calls[0],
                            calls[rounds / 2],
                            calls[rounds - 1],
                            granted,
                            rounds * CLIENTS);
                }
            }
        }
    }

    /** Releases {@code clients} identical checks of {@code token} at once; how many were granted. */
    private static int round(PermissionGuard guard, String token, int clients) throws Exception {
        Requirement requirement = Requirement.permissions(Logical.ALL, "ReadMessages");
        CyclicBarrier start = new CyclicBarrier(clients);
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Decision>> decisions = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                decisions.add(threads.submit(() -> {
                    start.await();
                    return guard.check(Caller.of(token), requirement, null, RequestMemo.create());
                }));
            }
            int granted = 0;
            for (Future<Decision> decision : decisions) {
                granted += decision.get().isGranted() ? 1 : 0;
            }
            return granted;
        } finally {
            threads.shutdown();
        }
    }
}
