package dev.rcguard.benchmarks.cpu;

import com.sun.management.OperatingSystemMXBean;
import dev.rcguard.benchmarks.Report;
import dev.rcguard.benchmarks.cpu.Traffic.Endpoint;
import dev.rcguard.benchmarks.load.LoadGenerator;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Issue 17: the server's CPU per guarded check when the traffic comes from many users, beside throughput and latency,
 * on the embedded runtime and on Payara Micro.
 *
 * <p>A stand-in RingCentral ({@link StandIn}: the simulator with {@code --users} distinct users, rate limits off,
 * {@code --latency} ms per answer) and the server under test ({@link ServerUnderTest}) each run in a process of their
 * own; this JVM is the load generator. For each number of connections and each token list — the many users' tokens
 * (each request the next user's) and one token — it runs a closed loop on each endpoint: {@code /plain}
 * (unguarded, as fast as the server answers), {@code /plain} paced (each connection pauses the stand-in's latency
 * after each answer: the rate of {@code /slow}, no request held), {@code /slow} (unguarded, answers after the
 * stand-in's latency: as many requests per second and in flight as {@code /guarded}), {@code /relay} (unguarded, asks
 * the stand-in the check's question itself through core's transport: a live check's round trip without the guard's
 * work), the bare call (the permission check straight to the stand-in through core's transport, from this JVM),
 * {@code /guarded} (one permission, JAX-RS filter), {@code /two} (two permissions), {@code /filtered} (the servlet
 * filter). Per cell: requests, req/s, p50/p99, errors, the stand-in's calls per request (1 per permission: every check
 * live; less: reused decisions or coalesced calls), and the server process's CPU time (user + system, the OS's
 * accounting) over exactly the measured window, per request, beside the load generator's and the stand-in's (all three
 * share the machine's cores, so a busy stand-in delays the server's threads). The bare cells, in which the server gets
 * no request, measure its idle CPU; "net" values subtract it. {@code --runs} repeats everything (a fresh stand-in and
 * server each time; runs alternate the servers) and reports medians.
 *
 * <pre>
 * java -cp 'benchmarks/target/benchmarks.jar:benchmarks/target/lib/*' dev.rcguard.benchmarks.cpu.CpuPerCheckBenchmark \
 *      [--servers embedded,payara] [--runs 3] [--users 30000] [--latency 20] [--connections 16,64]
 *      [--tokens many,one] [--endpoints plain,paced,slow,relay,bare,guarded,two,filtered] [--seconds 10] [--warmup 10]
 *      [--warmup-max 300] [--cell-warmup 3] [--threads 512] [--heap 1g] [--jfr NAME.jfr] [--perf NAME]
 *      [--payara-jar FILE]
 * </pre>
 *
 * Everything it writes (logs, the WAR, Payara's files, recordings, a copy of the report) goes under
 * {@code benchmarks/target/cpu}. Every child process is ended when it ends, on failure and on Ctrl-C too.
 */
public final class CpuPerCheckBenchmark {

    private static final String USAGE = """
            Usage: java -cp 'benchmarks/target/benchmarks.jar:benchmarks/target/lib/*' \\
                        dev.rcguard.benchmarks.cpu.CpuPerCheckBenchmark [options]
              --servers embedded,payara   the servers under test (payara needs the build's -Ppayara, or --payara-jar)
              --runs 3                    everything this many times; medians reported
              --users 30000               distinct users of the stand-in (the "many users" token list): enough
                                          that none is asked more than once per 3 s (the guard's budget)
              --latency 20                the stand-in's latency, ms
              --connections 16,64         concurrent connections (closed loop)
              --tokens many,one           the token lists: the many users', and one token
              --endpoints plain,paced,slow,relay,bare,guarded,two,filtered
              --seconds 10                measured seconds per cell
              --warmup 10                 seconds of warm-up per server start at least (every endpoint and token
                                          list, the most connections), then on until the JIT compiler's threads
                                          use under 5 % of the server's CPU over 5 s
              --warmup-max 300            seconds of warm-up per server start at most
              --cell-warmup 3             seconds of warm-up before each cell
              --threads 512               the stand-in's threads
              --heap 1g                   -Xms and -Xmx of the server's JVM
              --jfr NAME.jfr              record the server JVMs with JFR (settings=profile) into
                                          benchmarks/target/cpu/NAME-<server>-run<N>.jfr; see JfrTop
              --perf NAME                 record each cell's window of the server with Linux perf (its CPU,
                                          the kernel's included) into benchmarks/target/cpu/NAME-<server>-
                                          run<N>-<cell>.perf.data; its JIT-compiled methods are named in
                                          /tmp/perf-<pid>.map, which the server writes when it ends
              --payara-jar FILE           Payara Micro's jar (default: benchmarks/target/servers/payara-micro-*.jar)
            """;

    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** One measured cell. CPU times in seconds over the measured window. */
    record Cell(
            String server,
            int run,
            boolean many,
            int connections,
            Endpoint endpoint,
            LoadGenerator.Result result,
            Map<String, Long> errors,
            double upstreamPerRequest,
            double connectionsPerThousand,
            ProcCpu.Times cpu,
            double generatorCpu,
            double standInCpu) {

        String key() {
            return key(many, connections, endpoint);
        }

        /** {@code many/16/guarded}: the token list, the connections, the endpoint. */
        static String key(boolean many, int connections, Endpoint endpoint) {
            return (many ? "many" : "one") + "/" + connections + "/" + endpoint.key;
        }

        double serverMicros() {
            return cpu.total() * 1e6 / result.requests();
        }

        double systemMicros() {
            return cpu.system() * 1e6 / result.requests();
        }

        double jitMicros() {
            return cpu.jit() * 1e6 / result.requests();
        }

        double gcMicros() {
            return cpu.gc() * 1e6 / result.requests();
        }

        /** The server's threads' context switches per request: voluntary (they waited) and involuntary (preempted). */
        double voluntaryPerRequest() {
            return cpu.voluntary() / result.requests();
        }

        double involuntaryPerRequest() {
            return cpu.involuntary() / result.requests();
        }

        double serverCores() {
            return cpu.total() / result.seconds();
        }

        /** The server's CPU but its JIT compiler's, in cores: when it gets no request, its idle CPU. */
        double workingCores() {
            return (cpu.total() - cpu.jit()) / result.seconds();
        }

        double generatorMicros() {
            return generatorCpu * 1e6 / result.requests();
        }

        double standInMicros() {
            return standInCpu * 1e6 / result.requests();
        }

        /**
         * Server CPU per request, in µs, without the JIT compiler's threads (compiling is warm-up, whenever it
         * happens) and beyond what the server burns idle ({@code idleCores}, measured the same way).
         */
        double netMicros(double idleCores) {
            return (cpu.total() - cpu.jit() - idleCores * result.seconds()) * 1e6 / result.requests();
        }

        long errorCount() {
            return errors.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private record Settings(
            List<String> servers,
            int runs,
            int users,
            Duration latency,
            int[] connections,
            List<Boolean> tokenLists,
            List<Endpoint> endpoints,
            Duration seconds,
            Duration warmup,
            Duration warmupMax,
            Duration cellWarmup,
            int threads,
            String heap,
            String jfr,
            String perf,
            Path payaraJar,
            Path work) {}

    private static PrintStream out = System.out;

    private CpuPerCheckBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        if (o.containsKey("help")) {
            System.out.print(USAGE);
            return;
        }
        Path target = targetDirectory();
        Path work = Files.createDirectories(target.resolve("cpu"));
        List<String> servers = list(o.getOrDefault("servers", "embedded,payara"));
        Path payaraJar = null;
        if (servers.contains("payara")) {
            payaraJar = ServerUnderTest.findPayaraJar(o.get("payara-jar"), target)
                    .orElseThrow(() -> new IllegalStateException("No Payara Micro jar: build with"
                            + " ./mvnw -B -ntp -pl benchmarks -am package -DskipTests -Ppayara"
                            + " (it copies it into benchmarks/target/servers), or give --payara-jar FILE"));
        }
        Settings s = new Settings(
                servers,
                Integer.parseInt(o.getOrDefault("runs", "3")),
                Integer.parseInt(o.getOrDefault("users", "30000")),
                Duration.ofMillis(Long.parseLong(o.getOrDefault("latency", "20"))),
                list(o.getOrDefault("connections", "16,64")).stream()
                        .mapToInt(Integer::parseInt)
                        .toArray(),
                list(o.getOrDefault("tokens", "many,one")).stream()
                        .map(t -> switch (t) {
                            case "many" -> true;
                            case "one" -> false;
                            default -> throw new IllegalArgumentException("--tokens: many and/or one, not " + t);
                        })
                        .toList(),
                list(o.getOrDefault("endpoints", "plain,paced,slow,relay,bare,guarded,two,filtered")).stream()
                        .map(Endpoint::of)
                        .toList(),
                Duration.ofSeconds(Long.parseLong(o.getOrDefault("seconds", "10"))),
                Duration.ofSeconds(Long.parseLong(o.getOrDefault("warmup", "10"))),
                Duration.ofSeconds(Long.parseLong(o.getOrDefault("warmup-max", "300"))),
                Duration.ofSeconds(Long.parseLong(o.getOrDefault("cell-warmup", "3"))),
                Integer.parseInt(o.getOrDefault("threads", "512")),
                o.getOrDefault("heap", "1g"),
                o.get("jfr"),
                o.get("perf"),
                payaraJar,
                work);
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path reportFile = work.resolve("report-" + stamp + ".md");
        PrintStream console = System.out;
        try (OutputStream file = new FileOutputStream(reportFile.toFile())) {
            out = new PrintStream(new Tee(console, file), true, StandardCharsets.UTF_8);
            System.setOut(out); // Report.machine and the servers' lines too
            run(s);
            out.printf("%n(this report is also in %s)%n", reportFile);
        } finally {
            out.flush();
            System.setOut(console);
            out = console;
        }
    }

    private static void run(Settings s) throws Exception {
        Report.machine("CPU per check with many users (issue 17): " + s.seconds.toSeconds() + " s per cell after "
                + s.cellWarmup.toSeconds() + " s of warm-up, " + s.warmup.toSeconds() + "–" + s.warmupMax.toSeconds()
                + " s per server start");
        out.printf(
                "stand-in: %d users (each its own extension id and token) + 1 for the one-token rows, latency %d ms,"
                        + " rate limits off, %d threads, %s; server JVM -Xms%s -Xmx%s%s; runs: %d%n%n",
                s.users,
                s.latency.toMillis(),
                s.threads,
                StandIn.SCHEDULING.isEmpty() ? "normal scheduling (no chrt)" : "its threads SCHED_BATCH (chrt)",
                s.heap,
                s.heap,
                (s.jfr == null ? "" : ", JFR on") + (s.perf == null ? "" : ", perf on"),
                s.runs);
        Map<String, List<Cell>> byServer = new LinkedHashMap<>();
        for (int run = 1; run <= s.runs; run++) {
            for (String server : s.servers) {
                List<Cell> cells = runOnce(s, server, run);
                byServer.computeIfAbsent(server, k -> new ArrayList<>()).addAll(cells);
            }
        }
        for (Map.Entry<String, List<Cell>> e : byServer.entrySet()) {
            if (s.runs > 1) {
                out.printf("%n### %s: medians of %d runs%n%n", e.getKey(), s.runs);
                medians(e.getValue(), s.users);
            }
            out.printf(
                    "%n### %s: what a check costs (%s)%n%n",
                    e.getKey(), s.runs > 1 ? "median of " + s.runs + " runs, each run's value in brackets" : "one run");
            summary(e.getValue(), s);
        }
    }

    /** A fresh stand-in and server; warm-up; every cell. */
    private static List<Cell> runOnce(Settings s, String kind, int run) throws Exception {
        String tag = kind + "-run" + run;
        // compiler threads that stay (JDK 17 ends idle ones), so that their CPU time is seen to the end
        // temporary files (JFR's repository among them) under benchmarks/target/cpu/tmp
        Path tmp = Files.createDirectories(s.work.resolve("tmp"));
        List<String> jvm = new ArrayList<>(List.of(
                "-Xms" + s.heap,
                "-Xmx" + s.heap,
                "-XX:+UseG1GC",
                "-XX:-UseDynamicNumberOfCompilerThreads",
                "-Djava.io.tmpdir=" + tmp));
        Path jfr = null;
        if (s.jfr != null) {
            String base = Path.of(s.jfr).getFileName().toString().replaceFirst("\\.jfr$", "");
            jfr = s.work.resolve(base + "-" + tag + ".jfr");
            Files.deleteIfExists(jfr);
            Files.deleteIfExists(cellsFile(jfr));
            jvm.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + jfr);
        }
        if (s.perf != null) {
            // perf names compiled Java methods from the map the JVM writes when it ends, and walks their frames
            jvm.addAll(
                    List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:+DumpPerfMapAtExit", "-XX:+PreserveFramePointer"));
        }
        out.printf("%n### %s, run %d%n%n", kind, run);
        List<Cell> cells = new ArrayList<>();
        try (StandIn rc =
                        StandIn.start(s.users, s.latency, s.threads, s.work.resolve("stand-in-" + tag + ".log"), tmp);
                ServerUnderTest server = ServerUnderTest.start(kind, rc.baseUri(), s.work, tag, jvm, s.payaraJar);
                Traffic traffic = new Traffic(server, rc.baseUri(), s.users, s.latency)) {
            for (Endpoint e : s.endpoints) {
                for (boolean many : List.of(true, false)) {
                    if (!traffic.request(e, many).send(0)) {
                        throw new IllegalStateException(e.label() + " is not answered 200: check the set-up");
                    }
                }
            }
            // the JIT's warm-up: every endpoint with every token list, at the most connections (the highest rate)
            List<LoadGenerator.Request> all = new ArrayList<>();
            for (Endpoint e : s.endpoints) {
                s.tokenLists.forEach(many -> all.add(traffic.request(e, many)));
            }
            AtomicLong turn = new AtomicLong();
            int most = Arrays.stream(s.connections).max().orElse(16);
            LoadGenerator.Request mixed =
                    user -> all.get((int) (turn.getAndIncrement() % all.size())).send(user);
            Duration chunk = Duration.ofSeconds(5);
            long started = System.nanoTime();
            long requests = 0;
            long errors = 0;
            double jitShare;
            Duration spent;
            do {
                ProcCpu.Snapshot before = server.process().cpu();
                LoadGenerator.Result warm = LoadGenerator.run(mixed, most, chunk);
                ProcCpu.Times used = server.process().cpu().since(before);
                requests += warm.requests();
                errors += warm.errors();
                jitShare = used.total() > 0 ? used.jit() / used.total() : 0;
                spent = Duration.ofNanos(System.nanoTime() - started);
            } while (spent.compareTo(s.warmup) < 0 || (jitShare > 0.05 && spent.compareTo(s.warmupMax) < 0));
            out.printf(
                    "%s warm-up: %d requests in %d s (every endpoint and token list, %d connections), %d errors;"
                            + " the JIT compiler's share of the server's CPU in its last 5 s: %.1f %%%n",
                    kind, requests, spent.toSeconds(), most, errors, jitShare * 100);
            everyUserOnce(s, traffic, most);
            out.println();
            header("errors");
            for (int connections : s.connections) {
                for (boolean many : s.tokenLists) {
                    for (Endpoint endpoint : s.endpoints) {
                        Cell cell = measure(s, kind, run, server, rc, traffic, many, connections, endpoint, jfr, tag);
                        cells.add(cell);
                        double idle = idleCores(cells);
                        row(List.of(cell), Map.of(run, Double.isNaN(idle) ? 0.0 : idle), s.users);
                    }
                }
            }
            double idle = idleCores(cells);
            out.printf(
                    "%nidle server (during the bare cells, when it gets no request): %s%n",
                    Double.isNaN(idle) ? "not measured (no bare cells)" : String.format("%.3f cores", idle));
        }
        if (jfr != null) {
            out.printf("JFR recording: %s (cell windows in %s)%n", jfr, cellsFile(jfr));
        }
        if (s.perf != null) {
            out.printf(
                    "perf recordings: %s-%s-*.perf.data; read one with perf report -i FILE --children --sort sym"
                            + " --stdio -g none%n",
                    s.work.resolve(s.perf), tag);
        }
        return cells;
    }

    /**
     * Checks every one of the many users once, so that the cells measure steady traffic: the guard then knows whose each
     * token is (an answer named its user; remembered 10 minutes), as it does when users come back within minutes. A
     * token it does not know yet is checked on a new connection of its own (see {@code HttpTransport}), so without
     * this pass the first checking cells would count a connection for most of their checks.
     */
    private static void everyUserOnce(Settings s, Traffic traffic, int connections) throws Exception {
        Endpoint checking = s.endpoints.stream()
                .filter(e -> e == Endpoint.GUARDED || e == Endpoint.FILTERED || e == Endpoint.TWO)
                .findFirst()
                .orElse(null);
        if (checking == null || !s.tokenLists.contains(true)) {
            return;
        }
        // one cursor walks the tokens in turn: s.users requests in a row ask about every user once
        LoadGenerator.Request request = traffic.request(checking, true);
        long requests = 0;
        long errors = 0;
        long started = System.nanoTime();
        for (int chunk = 0; requests < s.users && chunk < 60; chunk++) {
            LoadGenerator.Result passed = LoadGenerator.run(request, connections, Duration.ofSeconds(5));
            requests += passed.requests();
            errors += passed.errors();
        }
        out.printf(
                "every user once: %d requests to %s in %d s, %d errors%n",
                requests,
                checking.label(),
                Duration.ofNanos(System.nanoTime() - started).toSeconds(),
                errors);
    }

    private static Cell measure(
            Settings s,
            String kind,
            int run,
            ServerUnderTest server,
            StandIn rc,
            Traffic traffic,
            boolean many,
            int connections,
            Endpoint endpoint,
            Path jfr,
            String tag)
            throws Exception {
        LoadGenerator.Request request = traffic.request(endpoint, many);
        Duration think = endpoint.think(s.latency);
        LoadGenerator.run(request, connections, s.cellWarmup, think, () -> {}, () -> {});
        traffic.resetErrors();
        Child process = server.process();
        Perf perf = s.perf == null
                ? null
                : Perf.record(
                        process.pid(),
                        s.work.resolve(s.perf + "-" + tag + "-"
                                + Cell.key(many, connections, endpoint).replace('/', '-') + ".perf.data"));
        StandIn.Counters[] upstream = new StandIn.Counters[2];
        ProcCpu.Snapshot[] cpu = new ProcCpu.Snapshot[2];
        ProcCpu.Snapshot[] standIn = new ProcCpu.Snapshot[2];
        long[] generator = new long[2];
        long[] wall = new long[2];
        LoadGenerator.Result result;
        try {
            result = LoadGenerator.run(
                    request,
                    connections,
                    s.seconds,
                    think,
                    () -> {
                        standIn[0] = rc.child().cpu();
                        upstream[0] = counters(rc);
                        wall[0] = System.currentTimeMillis();
                        generator[0] = OS.getProcessCpuTime();
                        cpu[0] = process.cpu();
                    },
                    () -> {
                        cpu[1] = process.cpu();
                        generator[1] = OS.getProcessCpuTime();
                        wall[1] = System.currentTimeMillis();
                        upstream[1] = counters(rc);
                        standIn[1] = rc.child().cpu();
                    });
        } finally {
            if (perf != null) {
                perf.stop();
            }
        }
        if (!process.isAlive()) {
            throw new IllegalStateException(server.name() + " ended: see " + process.log());
        }
        Cell cell = new Cell(
                kind,
                run,
                many,
                connections,
                endpoint,
                result,
                traffic.errors(),
                (upstream[1].calls() - upstream[0].calls()) / (double) result.requests(),
                (upstream[1].connections() - upstream[0].connections()) * 1000.0 / result.requests(),
                cpu[1].since(cpu[0]),
                (generator[1] - generator[0]) / 1e9,
                standIn[1].since(standIn[0]).total());
        if (jfr != null) {
            Files.writeString(
                    cellsFile(jfr),
                    String.join(
                                    "\t",
                                    kind,
                                    String.valueOf(run),
                                    cell.key(),
                                    String.valueOf(wall[0]),
                                    String.valueOf(wall[1]))
                            + "\n",
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
        return cell;
    }

    private static StandIn.Counters counters(StandIn rc) {
        try {
            return rc.counters();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The server's idle CPU in cores: the median over the bare cells so far (it gets no request then). */
    private static double idleCores(List<Cell> cells) {
        double[] idle = cells.stream()
                .filter(c -> c.endpoint == Endpoint.BARE)
                .mapToDouble(Cell::workingCores)
                .toArray();
        return idle.length == 0 ? Double.NaN : median(idle);
    }

    private static final String COLUMNS = "| tokens | connections | endpoint | requests | req/s | p50 ms | p99 ms | %s "
            + "| upstream calls/req | new upstream connections per 1,000 req | server CPU µs/req | of which system (kernel) | of which JIT compiler "
            + "| of which GC and VM thread "
            + "| net: without JIT, beyond idle µs/req | server CPU (cores) | load generator CPU µs/req "
            + "| stand-in CPU µs/req | server context switches/req: voluntary · involuntary |";

    private static void header(String errors) {
        out.println(String.format(COLUMNS, errors));
        out.println("|---|---:|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    }

    /**
     * One row: the median over {@code same} (one cell of each run) of each column, the errors summed. A bare cell's
     * server CPU is the server's idle CPU (it gets no request then), per bare call.
     */
    private static void row(List<Cell> same, Map<Integer, Double> idle, int users) {
        Cell first = same.get(0);
        boolean bare = first.endpoint == Endpoint.BARE;
        Map<String, Long> errors = new TreeMap<>();
        same.forEach(c -> c.errors.forEach((k, v) -> errors.merge(k, v, Long::sum)));
        out.printf(
                "| %s | %d | %s | %.0f | %.0f | %.2f | %.2f | %s | %.2f | %.1f | %s | %.1f | %.1f | %.1f | %s | %.2f | %.1f | %.1f | %.2f · %.2f |%n",
                tokens(first.many, users),
                first.connections,
                first.endpoint.label(),
                med(same, c -> c.result.requests()),
                med(same, c -> c.result.throughput()),
                med(same, c -> c.result.millis(50)),
                med(same, c -> c.result.millis(99)),
                errors(errors),
                med(same, Cell::upstreamPerRequest),
                med(same, Cell::connectionsPerThousand),
                String.format(bare ? "(idle: %.1f)" : "%.1f", med(same, Cell::serverMicros)),
                med(same, Cell::systemMicros),
                med(same, Cell::jitMicros),
                med(same, Cell::gcMicros),
                bare ? "–" : String.format("%.1f", med(same, c -> c.netMicros(idle.getOrDefault(c.run, 0.0)))),
                med(same, Cell::serverCores),
                med(same, Cell::generatorMicros),
                med(same, Cell::standInMicros),
                med(same, Cell::voluntaryPerRequest),
                med(same, Cell::involuntaryPerRequest));
    }

    /** Per cell, the median over runs of each column (errors: the sum). */
    private static void medians(List<Cell> cells, int users) {
        Map<Integer, Double> idle = idleByRun(cells);
        header("errors (all runs)");
        for (List<Cell> same : group(cells).values()) {
            row(same, idle, users);
        }
    }

    /**
     * Per token list and number of connections: the check's CPU (/guarded − /plain; at the same rate, − /plain paced
     * and − /slow), split into a round trip's (/relay − /slow) and the guard's own work (/guarded − /relay), the
     * servlet filter's (/filtered − /plain), each further permission's (/two − /guarded), in server CPU without the JIT
     * compiler's threads and beyond idle when bare cells were run; the p50 ratios guarded ÷ (unguarded + bare call);
     * upstream calls per request. Each the median of the runs' values.
     */
    private static void summary(List<Cell> cells, Settings s) {
        Map<Integer, Double> idle = idleByRun(cells);
        ToDoubleFunction<Cell> micros = c -> c.netMicros(idle.getOrDefault(c.run, 0.0));
        Pair minus = (a, b) -> micros.applyAsDouble(a) - micros.applyAsDouble(b);
        out.printf(
                "| tokens | connections | CPU of a check: /guarded − /plain µs (server CPU %s) "
                        + "| /guarded − /plain, paced µs (same rate) | /guarded − /slow µs (same rate, held) "
                        + "| a round trip: /relay − /slow µs | the guard's work: /guarded − /relay µs "
                        + "| servlet filter: /filtered − /plain µs | each further permission: /two − /guarded µs "
                        + "| p50 /guarded ÷ (/plain + bare) | p50 /filtered ÷ (/plain + bare) "
                        + "| p99 /guarded ÷ (/plain + bare) | upstream calls/req /guarded · /two · /filtered |%n",
                idle.isEmpty() ? "without JIT" : "without JIT, beyond idle");
        out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        Map<String, List<Cell>> byKey = group(cells);
        boolean notLive = false;
        for (boolean many : List.of(true, false)) {
            for (int connections : s.connections) {
                String prefix = (many ? "many" : "one") + "/" + connections + "/";
                if (byKey.keySet().stream().noneMatch(k -> k.startsWith(prefix))) {
                    continue;
                }
                out.printf(
                        "| %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                        many ? s.users + " users" : "1 token",
                        connections,
                        perRun(byKey, prefix, "guarded", "plain", minus, "%.1f"),
                        perRun(byKey, prefix, "guarded", "paced", minus, "%.1f"),
                        perRun(byKey, prefix, "guarded", "slow", minus, "%.1f"),
                        perRun(byKey, prefix, "relay", "slow", minus, "%.1f"),
                        perRun(byKey, prefix, "guarded", "relay", minus, "%.1f"),
                        perRun(byKey, prefix, "filtered", "plain", minus, "%.1f"),
                        perRun(byKey, prefix, "two", "guarded", minus, "%.1f"),
                        ratio(byKey, prefix, "guarded", 50),
                        ratio(byKey, prefix, "filtered", 50),
                        ratio(byKey, prefix, "guarded", 99),
                        String.join(
                                " · ",
                                upstream(byKey, prefix + "guarded"),
                                upstream(byKey, prefix + "two"),
                                upstream(byKey, prefix + "filtered")));
                if (many) {
                    notLive |= cells.stream()
                            .filter(c -> c.key().startsWith(prefix))
                            .anyMatch(c -> c.upstreamPerRequest < permissions(c.endpoint) - 0.02);
                }
            }
        }
        out.println();
        out.println("upstream calls/req: 1 per permission when every check is live; less when checks were answered"
                + " from a reused decision or coalesced with an identical one in flight.");
        if (notLive) {
            out.println("**Not every many-users check was live** (upstream calls/req below 1 per permission in some"
                    + " cell): some users were asked about more often than their budget allows (one call per 3 s"
                    + " after a burst of 5); raise --users.");
        }
    }

    private static int permissions(Endpoint endpoint) {
        return switch (endpoint) {
            case PLAIN, PACED, SLOW -> 0;
            case RELAY, BARE, GUARDED, FILTERED -> 1;
            case TWO -> 2;
        };
    }

    private interface Pair {
        double of(Cell a, Cell b);
    }

    /** {@code f(a, b)} for each run that has both cells: the median and, with several runs, each value. */
    private static String perRun(Map<String, List<Cell>> byKey, String prefix, String a, String b, Pair f, String fmt) {
        List<Cell> as = byKey.getOrDefault(prefix + a, List.of());
        List<Cell> bs = byKey.getOrDefault(prefix + b, List.of());
        List<Double> values = new ArrayList<>();
        for (Cell x : as) {
            bs.stream().filter(y -> y.run == x.run).findFirst().ifPresent(y -> values.add(f.of(x, y)));
        }
        return show(values, fmt);
    }

    /** {@code endpoint}'s percentile ÷ (/plain's + the bare call's), per run. */
    private static String ratio(Map<String, List<Cell>> byKey, String prefix, String endpoint, double percentile) {
        List<Double> values = new ArrayList<>();
        for (Cell c : byKey.getOrDefault(prefix + endpoint, List.of())) {
            Optional<Cell> plain = run(byKey.get(prefix + "plain"), c.run);
            Optional<Cell> bare = run(byKey.get(prefix + "bare"), c.run);
            if (plain.isPresent() && bare.isPresent()) {
                values.add(c.result.millis(percentile)
                        / (plain.get().result.millis(percentile)
                                + bare.get().result.millis(percentile)));
            }
        }
        return show(values, "%.2f");
    }

    private static Optional<Cell> run(List<Cell> cells, int run) {
        return cells == null
                ? Optional.empty()
                : cells.stream().filter(c -> c.run == run).findFirst();
    }

    private static String upstream(Map<String, List<Cell>> byKey, String key) {
        List<Cell> cells = byKey.get(key);
        return cells == null ? "–" : String.format("%.2f", med(cells, Cell::upstreamPerRequest));
    }

    private static String show(List<Double> values, String fmt) {
        if (values.isEmpty()) {
            return "–";
        }
        String median = String.format(
                fmt, median(values.stream().mapToDouble(Double::doubleValue).toArray()));
        if (values.size() == 1) {
            return median;
        }
        return "**" + median + "** ("
                + values.stream().map(v -> String.format(fmt, v)).collect(Collectors.joining(" / ")) + ")";
    }

    private static Map<Integer, Double> idleByRun(List<Cell> cells) {
        Map<Integer, List<Cell>> byRun =
                cells.stream().collect(Collectors.groupingBy(c -> c.run, TreeMap::new, Collectors.toList()));
        Map<Integer, Double> idle = new TreeMap<>();
        byRun.forEach((run, list) -> {
            double i = idleCores(list);
            if (!Double.isNaN(i)) {
                idle.put(run, i);
            }
        });
        return idle;
    }

    private static Map<String, List<Cell>> group(List<Cell> cells) {
        Map<String, List<Cell>> byKey = new LinkedHashMap<>();
        cells.forEach(
                c -> byKey.computeIfAbsent(c.key(), k -> new ArrayList<>()).add(c));
        return byKey;
    }

    private static double med(List<Cell> cells, ToDoubleFunction<Cell> f) {
        return median(cells.stream().mapToDouble(f).toArray());
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String tokens(boolean many, int users) {
        return many ? users + " users" : "1 token";
    }

    private static String errors(Map<String, Long> errors) {
        long total = errors.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return "0";
        }
        return total + " ("
                + errors.entrySet().stream()
                        .map(e -> e.getKey() + ": " + e.getValue())
                        .collect(Collectors.joining(", "))
                + ")";
    }

    private static Path cellsFile(Path jfr) {
        return jfr.resolveSibling(jfr.getFileName() + ".cells.tsv");
    }

    /** The {@code java} that runs this JVM, for the children. */
    static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** {@code benchmarks/target}: where the benchmarks jar (or the classes directory) is. */
    private static Path targetDirectory() throws URISyntaxException {
        Path location = Path.of(CpuPerCheckBenchmark.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        return location.toAbsolutePath().getParent();
    }

    private static List<String> list(String csv) {
        return Arrays.stream(csv.split(","))
                .map(String::strip)
                .filter(x -> !x.isEmpty())
                .toList();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--help") || args[i].equals("-h")) {
                options.put("help", "");
                continue;
            }
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("Expected --name value, got " + args[i] + "\n" + USAGE);
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }

    /** Writes to two streams: the console and the report file. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] bytes, int off, int len) throws IOException {
            a.write(bytes, off, len);
            b.write(bytes, off, len);
        }

        @Override
        public void flush() throws IOException {
            a.flush();
            b.flush();
        }
    }
}
