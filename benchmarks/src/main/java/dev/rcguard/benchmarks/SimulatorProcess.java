package dev.rcguard.benchmarks;

import dev.rcguard.simulator.Endpoint;
import dev.rcguard.simulator.Fault;
import dev.rcguard.simulator.RateLimits;
import dev.rcguard.simulator.RingCentralSimulator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulator in a JVM of its own, so that the heap measured by {@link MemoryBenchmark} holds the guard and its
 * client only, not the simulator's users, counters and rate-limit windows.
 *
 * <p>One user holds {@code tokens} tokens ({@link #token(int)}), all granted {@code ReadMessages}; every
 * {@code rateLimitedEvery}-th token is answered 429 with {@code Retry-After: retryAfterSeconds}. Prints
 * {@code port=N} once listening and ends when its standard input closes (its parent ended).
 *
 * <pre>{@code
 * try (SimulatorProcess.Handle rc = SimulatorProcess.start(10_000, 10, 1)) {
 *     URI uri = rc.baseUri();
 * }
 * }</pre>
 */
public final class SimulatorProcess {

    /** RingCentral's 429 body. */
    private static final String RATE_EXCEEDED = "{\"errorCode\":\"CMN-301\",\"message\":\"Request rate exceeded\","
            + "\"errors\":[{\"errorCode\":\"CMN-301\",\"message\":\"Request rate exceeded\"}]}";

    private SimulatorProcess() {}

    public static void main(String[] args) throws IOException {
        int tokens = Integer.parseInt(args[0]);
        int rateLimitedEvery = Integer.parseInt(args[1]);
        int retryAfterSeconds = Integer.parseInt(args[2]);
        try (RingCentralSimulator simulator = RingCentralSimulator.builder()
                .threads(64)
                .rateLimits(RateLimits.disabled())
                .user(u -> {
                    u.grant("ReadMessages");
                    for (int i = 0; i < tokens; i++) {
                        u.token(token(i));
                    }
                })
                .start()) {
            Fault tooMany =
                    Fault.status(429, RATE_EXCEEDED).withHeader("Retry-After", String.valueOf(retryAfterSeconds));
            for (int i = 0; i < tokens; i += rateLimitedEvery) {
                simulator.inject(Endpoint.PERMISSION_CHECK, token(i), tooMany);
            }
            System.out.println("port=" + simulator.port());
            System.out.flush();
            InputStream parent = System.in;
            while (parent.read() >= 0) {
                // runs until the parent closes the pipe or ends
            }
        }
    }

    /** The {@code i}-th token. */
    static String token(int i) {
        return String.format("memory-token-%05d", i);
    }

    /** Whether the {@code i}-th token is answered 429. */
    static boolean isRateLimited(int i, int rateLimitedEvery) {
        return i % rateLimitedEvery == 0;
    }

    /** Starts the child JVM with the same class path and waits until it listens. */
    static Handle start(int tokens, int rateLimitedEvery, int retryAfterSeconds) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                SimulatorProcess.class.getName(),
                String.valueOf(tokens),
                String.valueOf(rateLimitedEvery),
                String.valueOf(retryAfterSeconds)));
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
        String line = out.readLine();
        if (line == null || !line.startsWith("port=")) {
            process.destroy();
            throw new IOException("The simulator process did not start: " + line);
        }
        int port = Integer.parseInt(line.substring("port=".length()).strip());
        return new Handle(process, port);
    }

    /** The running child; closing it ends the child. */
    record Handle(Process process, int port) implements AutoCloseable {
        URI baseUri() {
            return URI.create("http://127.0.0.1:" + port);
        }

        @Override
        public void close() throws IOException {
            process.getOutputStream().close();
            process.destroy();
        }
    }
}
