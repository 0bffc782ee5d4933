package dev.rcguard.benchmarks.cpu;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Where a live check's CPU goes, from a {@code --perf} recording of one cell: reads {@code perf script}'s samples
 * (each a thread name and its call chain, the kernel's frames included) on standard input and puts each sample in the
 * first part of a check whose frame it has, in µs per request (samples ÷ frequency ÷ the cell's requests):
 *
 * <pre>
 * perf script -i benchmarks/target/cpu/profile-embedded-run1-many-64-guarded.perf.data -F comm,tid,ip,sym \
 *   | java -cp 'benchmarks/target/benchmarks.jar:benchmarks/target/lib/*' dev.rcguard.benchmarks.cpu.PerfShares \
 *       --requests 34345 [--hz 999]
 * </pre>
 *
 * ({@code --requests}: the cell's row in the report.) The library's frames are those of {@code dev.rcguard} but its
 * benchmarks; the check's calls to RingCentral are what runs under {@code CallingThread.runTaken}.
 */
public final class PerfShares {

    private record Part(String name, Predicate<String> has) {}

    private static final Pattern LIBRARY = Pattern.compile("dev\\.rcguard\\.(?!benchmarks)");

    private static final List<Part> PARTS = List.of(
            new Part("JIT compiler", chain -> chain.startsWith("C1 Compiler") || chain.startsWith("C2 Compiler")),
            new Part(
                    "calls: wait for the answer and read it (poll, read: the thread sleeps and wakes)",
                    // the JIT inlines Connection.fill into ResponseReader's methods: the socket's stream is the sign
                    chain -> calls(chain)
                            && (chain.contains("Connection.fill") || chain.contains("SocketInputStream.read"))),
            new Part(
                    "calls: write the request (on loopback, the stand-in's TCP receive too)",
                    chain -> calls(chain) && chain.contains("write0")),
            new Part(
                    "calls: is a kept connection still clean (available)",
                    chain -> calls(chain) && chain.contains("Net.available")),
            new Part(
                    "calls: connections opened or closed",
                    chain -> calls(chain)
                            && (chain.contains("NioSocketImpl.close") || chain.contains("NioSocketImpl.connect"))),
            new Part("calls: parse the HTTP answer", chain -> calls(chain) && chain.contains("ResponseReader")),
            new Part(
                    "calls: read the JSON answer",
                    chain -> calls(chain) && (chain.contains("StrictJson") || chain.contains("client.Answers"))),
            new Part(
                    "calls: what the answer teaches (user, budget, decision kept)",
                    chain -> calls(chain) && chain.contains("RateLimitEconomy.learn")),
            new Part("calls: the rest (connection pool, request bytes, futures)", PerfShares::calls),
            new Part(
                    "check: admission (the rate-limit economy)",
                    chain -> library(chain) && chain.contains("RateLimitEconomy.decide")),
            new Part("check: the rest (filter, interceptor, caller and token hash, memo, events)", PerfShares::library),
            new Part("the server: everything else (Jetty, RESTEasy, Weld, GC; their kernel work)", chain -> true));

    private PerfShares() {}

    public static void main(String[] args) throws IOException {
        long requests = 0;
        double hz = 999;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--requests" -> requests = Long.parseLong(args[i + 1]);
                case "--hz" -> hz = Double.parseDouble(args[i + 1]);
                default -> throw new IllegalArgumentException("Unknown option " + args[i]);
            }
        }
        if (requests <= 0) {
            throw new IllegalArgumentException(
                    "Usage: perf script -i FILE -F comm,tid,ip,sym | PerfShares --requests N [--hz 999]");
        }
        Map<String, Long> samples = new LinkedHashMap<>();
        PARTS.forEach(p -> samples.put(p.name(), 0L));
        long total = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            StringBuilder chain = null;
            for (String line = in.readLine(); ; line = in.readLine()) {
                if (line == null || line.isBlank()) {
                    if (chain != null) {
                        String all = chain.toString();
                        for (Part p : PARTS) {
                            if (p.has().test(all)) {
                                samples.merge(p.name(), 1L, Long::sum);
                                break;
                            }
                        }
                        total++;
                        chain = null;
                    }
                    if (line == null) {
                        break;
                    }
                } else if (!Character.isWhitespace(line.charAt(0))) {
                    chain = new StringBuilder(line.strip()).append('\n'); // the thread's name, then its frames
                } else if (chain != null) {
                    chain.append(line.strip()).append('\n');
                }
            }
        }
        double micros = 1e6 / hz / requests;
        System.out.printf(
                Locale.ROOT, "%d samples: %.1f µs of the server's CPU per request%n%n", total, total * micros);
        System.out.println("| part | µs per request | share |");
        System.out.println("|---|---:|---:|");
        long all = total;
        samples.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .forEach(e -> System.out.printf(
                        Locale.ROOT,
                        "| %s | %.1f | %.1f %% |%n",
                        e.getKey(),
                        e.getValue() * micros,
                        100.0 * e.getValue() / all));
    }

    private static boolean calls(String chain) {
        return chain.contains("CallingThread.runTaken");
    }

    private static boolean library(String chain) {
        return LIBRARY.matcher(chain).find();
    }
}
