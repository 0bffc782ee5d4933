package dev.rcguard.benchmarks.load;

import dev.rcguard.benchmarks.Report;
import dev.rcguard.simulator.CallCounters;
import dev.rcguard.simulator.RateLimits;
import dev.rcguard.simulator.RingCentralSimulator;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The HTTP load benchmark, every cell in one run so that the ratios hold on a noisy machine: (a) an unguarded
 * endpoint, (b) a bare call to the simulator over core's own HTTP transport, (c) the endpoint guarded by the JAX-RS filter,
 * (d) by the servlet filter, (e) with four permissions; at each number of concurrent clients and each simulator
 * latency. Within one (latency, clients) group the five run back to back. Rate limits are off in the simulator.
 * (f), for diagnosis, is (c) on a resource that is not a CDI bean, so no interceptor runs on it. {@code --endpoints}
 * runs a subset (by letter), for profiling; the ratios need (a), (b), (c) and (e).
 *
 * <pre>
 * java -cp 'benchmarks/target/benchmarks.jar:benchmarks/target/lib/*' dev.rcguard.benchmarks.load.LoadBenchmark \
 *      [--seconds 4] [--warmup 2] [--clients 1,16,64] [--latencies 0,20] [--endpoints abcdef]
 * </pre>
 */
public final class LoadBenchmark {

    private static final int MAX_USERS = 64;
    private static final String[] PERMISSIONS = {"ReadMessages", "EditMessages", "ReadCallLog", "ReadUserInfo"};

    private record Cell(
            long latencyMs,
            int clients,
            String endpoint,
            LoadGenerator.Result result,
            double upstream,
            double connectionsPer1000) {}

    private LoadBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        Duration measure = Duration.ofSeconds(Long.parseLong(options.getOrDefault("seconds", "4")));
        Duration warmup = Duration.ofSeconds(Long.parseLong(options.getOrDefault("warmup", "2")));
        int[] clients = ints(options.getOrDefault("clients", "1,16,64"));
        int[] latencies = ints(options.getOrDefault("latencies", "0,20"));
        int users = Math.max(MAX_USERS, Arrays.stream(clients).max().orElse(1));
        Logger.getLogger("").setLevel(Level.WARNING); // start-up chatter of Jetty, Weld, RESTEasy, the simulator
        // The JDK server under the simulator closes idle keep-alive connections beyond 200, which 64 clients x 4 ids
        // (256 pooled connections) exceed: RingCentral does not, so neither may the stand-in.
        System.setProperty("sun.net.httpserver.maxIdleConnections", "1024");

        try (RingCentralSimulator simulator = RingCentralSimulator.builder()
                        .threads(users * PERMISSIONS.length + 64)
                        .rateLimits(RateLimits.disabled())
                        .user(u -> {
                            for (int i = 0; i < users; i++) {
                                u.token(Endpoints.token(i));
                            }
                            Arrays.stream(PERMISSIONS).forEach(u::grant);
                        })
                        .start();
                LoadServer server = LoadServer.start(simulator.baseUri())) {
            HttpClient http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            Map<String, LoadGenerator.Request> endpoints = new LinkedHashMap<>();
            endpoints.put("(a) unguarded", Endpoints.http(http, server.uri("/plain"), users));
            endpoints.put("(b) bare client call", Endpoints.bare(simulator.baseUri(), users));
            endpoints.put("(c) JAX-RS filter, 1 id", Endpoints.http(http, server.uri("/guarded"), users));
            endpoints.put("(d) servlet filter, 1 id", Endpoints.http(http, server.uri("/filtered"), users));
            endpoints.put("(e) JAX-RS filter, 4 ids", Endpoints.http(http, server.uri("/four"), users));
            endpoints.put(
                    "(f) JAX-RS filter, 1 id, resource not a CDI bean",
                    Endpoints.http(http, server.uri("/pojo/guarded"), users));
            String only = options.getOrDefault("endpoints", "abcdef");
            endpoints.keySet().removeIf(name -> only.indexOf(name.charAt(1)) < 0);
            for (Map.Entry<String, LoadGenerator.Request> e : endpoints.entrySet()) {
                if (!e.getValue().send(0)) {
                    throw new IllegalStateException(e.getKey() + " is not answered as expected: check the set-up");
                }
            }
            Report.machine(
                    "HTTP load: " + measure.toSeconds() + " s per cell after " + warmup.toSeconds() + " s of warm-up");
            for (LoadGenerator.Request request : endpoints.values()) {
                LoadGenerator.run(request, 16, warmup.multipliedBy(2)); // JIT, pools and connections, once
            }
            List<Cell> cells = new ArrayList<>();
            System.out.println("| latency | clients | endpoint | requests | req/s | p50 ms | p99 ms | p99.9 ms "
                    + "| upstream calls/req | new simulator connections/1k req | errors |");
            System.out.println("|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|");
            for (int latency : latencies) {
                simulator.defaultLatency(Duration.ofMillis(latency));
                for (int n : clients) {
                    for (Map.Entry<String, LoadGenerator.Request> e : endpoints.entrySet()) {
                        Cell cell =
                                measure(simulator.counters(), latency, n, e.getKey(), e.getValue(), warmup, measure);
                        cells.add(cell);
                        print(cell);
                    }
                }
            }
            if (endpoints.keySet().stream()
                            .filter(name -> "abce".indexOf(name.charAt(1)) >= 0)
                            .count()
                    == 4) {
                ratios(cells);
            }
        }
    }

    private static Cell measure(
            CallCounters counters,
            long latency,
            int clients,
            String name,
            LoadGenerator.Request request,
            Duration warmup,
            Duration measure)
            throws Exception {
        LoadGenerator.run(request, clients, warmup);
        long calls = counters.total();
        long connections = counters.connections();
        LoadGenerator.Result result = LoadGenerator.run(request, clients, measure);
        double upstream = (counters.total() - calls) / (double) result.requests();
        double perThousand = (counters.connections() - connections) * 1000.0 / result.requests();
        return new Cell(latency, clients, name, result, upstream, perThousand);
    }

    private static void print(Cell c) {
        LoadGenerator.Result r = c.result();
        System.out.printf(
                "| %d ms | %d | %s | %d | %.0f | %.2f | %.2f | %.2f | %.2f | %.2f | %d |%n",
                c.latencyMs(),
                c.clients(),
                c.endpoint(),
                r.requests(),
                r.throughput(),
                r.millis(50),
                r.millis(99),
                r.millis(99.9),
                c.upstream(),
                c.connectionsPer1000(),
                r.errors());
    }

    /** The targets: guarded ÷ (unguarded + bare) at p50 and p99, and four ids ÷ one id, per (latency, clients). */
    private static void ratios(List<Cell> cells) {
        System.out.println();
        System.out.println("| latency | clients | (c)/((a)+(b)) p50 | (c)/((a)+(b)) p99 | (d)/((a)+(b)) p50 "
                + "| (d)/((a)+(b)) p99 | (f)/((a)+(b)) p50 | (e)/(c) p50 | (e)/(c) p99 | (c) req/s ÷ (a) req/s |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        Map<String, Map<Character, LoadGenerator.Result>> groups = new LinkedHashMap<>();
        for (Cell cell : cells) {
            groups.computeIfAbsent(cell.latencyMs() + " ms | " + cell.clients(), k -> new LinkedHashMap<>())
                    .put(cell.endpoint().charAt(1), cell.result());
        }
        groups.forEach((group, r) -> {
            LoadGenerator.Result a = r.get('a');
            LoadGenerator.Result b = r.get('b');
            LoadGenerator.Result c = r.get('c');
            LoadGenerator.Result e = r.get('e');
            double p50 = a.millis(50) + b.millis(50);
            double p99 = a.millis(99) + b.millis(99);
            System.out.printf(
                    "| %s | %s | %s | %s | %s | %s | %.2f | %.2f | %.2f |%n",
                    group,
                    ratio(c, 50, p50),
                    ratio(c, 99, p99),
                    ratio(r.get('d'), 50, p50),
                    ratio(r.get('d'), 99, p99),
                    ratio(r.get('f'), 50, p50),
                    e.millis(50) / c.millis(50),
                    e.millis(99) / c.millis(99),
                    c.throughput() / a.throughput());
        });
    }

    private static String ratio(LoadGenerator.Result result, double percentile, double base) {
        return result == null ? "–" : String.format("%.2f", result.millis(percentile) / base);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("Expected --name value, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    private static int[] ints(String list) {
        return Arrays.stream(list.split(","))
                .map(String::strip)
                .mapToInt(Integer::parseInt)
                .toArray();
    }
}
