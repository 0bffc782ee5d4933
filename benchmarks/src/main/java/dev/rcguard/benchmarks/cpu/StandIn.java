package dev.rcguard.benchmarks.cpu;

import dev.rcguard.simulator.CallCounters;
import dev.rcguard.simulator.RateLimits;
import dev.rcguard.simulator.RingCentralSimulator;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The stand-in RingCentral of {@link CpuPerCheckBenchmark}: the project's simulator in a JVM of its own (so that
 * neither the server's nor the load generator's CPU time includes it), with {@code users} distinct users — each
 * its own extension id and one token, {@link #token(int)} — plus one more, {@link #ONE_TOKEN}, for the one-token
 * rows. Every user is granted {@link #PERMISSIONS}. Rate limits are off and every answer comes after a fixed latency,
 * on enough threads that the latency never queues.
 *
 * <p>Distinct users matter: the guard's rate-limit economy keeps a budget per RingCentral user (the one an answer's
 * {@code uri} names), so one user with many tokens would have most checks answered from a reused decision.
 *
 * <p>Protocol on its standard streams: prints {@code port=N} once listening; answers each line {@code counters} on
 * standard input with {@code counters total=N connections=M}; ends when standard input closes.
 *
 * <pre>{@code
 * try (StandIn rc = StandIn.start(30_000, Duration.ofMillis(20), 512, log, tmp)) {
 *     long calls = rc.counters().calls();
 * }
 * }</pre>
 */
final class StandIn implements AutoCloseable {

    /** The token of the one-token rows: a user of its own, not one of the many. */
    static final String ONE_TOKEN = "cpu-one-user";

    /** What every user is granted: {@code /guarded} asks the first, {@code /two} the first two. */
    static final List<String> PERMISSIONS = List.of("ReadMessages", "EditMessages", "ReadCallLog", "ReadUserInfo");

    /**
     * What the stand-in's command starts with: Linux's {@code chrt --batch 0}, so that its threads run under
     * {@code SCHED_BATCH}, or nothing where there is no {@code chrt}. The stand-in plays RingCentral, which runs on other
     * machines; here its threads share the server's two cores. Batch threads get the same share of the CPU, but one
     * woken by a request the server just wrote does not preempt the server's thread that wrote it — as against
     * RingCentral, where that thread runs on. Under the default policy a third of the checks were preempted so (the
     * server's involuntary context switches per request: 0.93 for {@code /guarded} against 0.60 for {@code /slow}).
     */
    static final List<String> SCHEDULING = onPath("chrt") ? List.of("chrt", "--batch", "0") : List.of();

    private final Child child;
    private final int port;

    private StandIn(Child child, int port) {
        this.child = child;
        this.port = port;
    }

    /** The token of user {@code i} of the many. */
    static String token(int i) {
        return String.format("cpu-user-%05d", i);
    }

    /** {@code StandIn <users> <latency ms> <threads>}. */
    public static void main(String[] args) throws IOException {
        int users = Integer.parseInt(args[0]);
        Duration latency = Duration.ofMillis(Long.parseLong(args[1]));
        int threads = Integer.parseInt(args[2]);
        Logger.getLogger("").setLevel(Level.WARNING);
        // The JDK server under the simulator closes idle keep-alive connections beyond 200: RingCentral does not.
        System.setProperty("sun.net.httpserver.maxIdleConnections", "4096");
        RingCentralSimulator.Builder builder = RingCentralSimulator.builder()
                .threads(threads)
                .rateLimits(RateLimits.disabled())
                .defaultLatency(latency);
        for (int i = 0; i < users; i++) {
            String token = token(i);
            builder.user(u -> {
                u.token(token);
                PERMISSIONS.forEach(u::grant);
            });
        }
        builder.user(u -> {
            u.token(ONE_TOKEN);
            PERMISSIONS.forEach(u::grant);
        });
        try (RingCentralSimulator simulator = builder.start()) {
            System.out.println("port=" + simulator.port());
            System.out.flush();
            CallCounters counters = simulator.counters();
            BufferedReader parent = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = parent.readLine(); line != null; line = parent.readLine()) {
                if (line.strip().equals("counters")) {
                    System.out.println("counters total=" + counters.total() + " connections=" + counters.connections());
                    System.out.flush();
                }
            }
        }
    }

    /** Starts the child JVM with the benchmark's class path and waits (at most a minute) until it listens. */
    static StandIn start(int users, Duration latency, int threads, Path log, Path tmp)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(SCHEDULING);
        command.addAll(List.of(
                CpuPerCheckBenchmark.java(),
                "-Xms256m",
                "-Djava.io.tmpdir=" + tmp,
                "-Xmx1g",
                "-cp",
                System.getProperty("java.class.path"),
                StandIn.class.getName(),
                String.valueOf(users),
                String.valueOf(latency.toMillis()),
                String.valueOf(threads)));
        Child child = Child.start("stand-in RingCentral", command, log, true);
        try {
            String line = child.awaitLine(l -> l.startsWith("port="), Duration.ofSeconds(60));
            return new StandIn(
                    child, Integer.parseInt(line.substring("port=".length()).strip()));
        } catch (IOException | InterruptedException | RuntimeException e) {
            child.close();
            throw e;
        }
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** What the stand-in has received so far: requests, and connections accepted. */
    record Counters(long calls, long connections) {}

    /** What the stand-in has received so far. */
    Counters counters() throws IOException, InterruptedException {
        child.send("counters");
        String line = child.awaitLine(l -> l.startsWith("counters "), Duration.ofSeconds(30));
        long calls = -1;
        long connections = -1;
        for (String field : line.split(" ")) {
            if (field.startsWith("total=")) {
                calls = Long.parseLong(field.substring("total=".length()));
            } else if (field.startsWith("connections=")) {
                connections = Long.parseLong(field.substring("connections=".length()));
            }
        }
        if (calls < 0 || connections < 0) {
            throw new IOException("Unexpected answer of the stand-in: " + line);
        }
        return new Counters(calls, connections);
    }

    Child child() {
        return child;
    }

    @Override
    public void close() {
        child.close();
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
