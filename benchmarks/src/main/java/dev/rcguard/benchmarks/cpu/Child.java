package dev.rcguard.benchmarks.cpu;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A child JVM of the benchmark, ended at the latest when the benchmark's JVM ends (a shutdown hook destroys every
 * child still running, Ctrl-C included). Its standard error, and its standard output unless it is read as lines
 * ({@link #awaitLine}), go to a log file under {@code benchmarks/target}. Every wait on it is bounded.
 *
 * <pre>{@code
 * try (Child c = Child.start("stand-in", command, log, true)) {
 *     String port = c.awaitLine(l -> l.startsWith("port="), Duration.ofSeconds(60));
 *     ProcCpu.Snapshot cpu = c.cpu();
 * }
 * }</pre>
 */
final class Child implements AutoCloseable {

    private static final Set<Child> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> List.copyOf(RUNNING).forEach(Child::kill), "cpu-benchmark-children"));
    }

    private final String name;
    private final Process process;
    private final Path log;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private Child(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code command}. With {@code readLines} its standard output is read line by line ({@link #awaitLine});
     * otherwise it goes to {@code log} with the standard error.
     */
    static Child start(String name, List<String> command, Path log, boolean readLines) throws IOException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        if (!readLines) {
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        }
        Process process = builder.start();
        Child child = new Child(name, process, log);
        RUNNING.add(child);
        if (readLines) {
            Thread reader = new Thread(child::pump, name + "-stdout");
            reader.setDaemon(true);
            reader.start();
        }
        return child;
    }

    private void pump() {
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            // the child ended
        }
    }

    /** The first line (from now on) that {@code matches}, waiting at most {@code timeout}. */
    String awaitLine(Predicate<String> matches, Duration timeout) throws IOException, InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        for (long left = timeout.toNanos(); left > 0; left = end - System.nanoTime()) {
            String line = lines.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS);
            if (line != null && matches.test(line)) {
                return line;
            }
            if (line == null && !process.isAlive() && lines.isEmpty()) {
                throw new IOException(
                        name + " ended (exit " + process.exitValue() + ") before it was ready: see " + log);
            }
        }
        throw new IOException(name + " did not answer within " + timeout.toSeconds() + " s: see " + log);
    }

    /** Writes {@code line} to the child's standard input. */
    void send(String line) {
        try {
            OutputStream in = process.getOutputStream();
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(name + " is gone", e);
        }
    }

    /** The process's CPU time so far, user and system, split by thread kind ({@link ProcCpu}). */
    ProcCpu.Snapshot cpu() {
        return ProcCpu.snapshot(process.toHandle());
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    String name() {
        return name;
    }

    /** Ends the child: its standard input closed, then asked to stop, then killed after 20 s; its descendants too. */
    @Override
    public void close() {
        RUNNING.remove(this);
        List<ProcessHandle> descendants = new ArrayList<>(process.descendants().toList());
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // already closed
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /** From the shutdown hook: no waiting beyond a few seconds. */
    private void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
        }
    }
}
