package dev.rcguard.servers.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A server JVM started by a test: its console goes to a file, and it is always stopped — by {@link #close()} in the
 * test's {@code finally}/{@code @AfterAll}, and by a shutdown hook of the test JVM if the test JVM ends first.
 *
 * <pre>{@code
 * try (ServerProcess tomcat = ServerProcess.start("tomcat", builder, runDir.resolve("console.log"))) {
 *     tomcat.awaitReady(Servers.startupTimeout(), () -> Http.answers(url));
 *     ThreadDump threads = tomcat.threads();
 * }
 * }</pre>
 */
public final class ServerProcess implements AutoCloseable {

    private static final Duration GRACEFUL_STOP = Duration.ofSeconds(60);
    private static final Set<ServerProcess> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> RUNNING.forEach(server -> server.kill(Duration.ofSeconds(10))), "server-processes-stop"));
    }

    private final String name;
    private final Process process;
    private final Path console;

    private ServerProcess(String name, Process process, Path console) {
        this.name = name;
        this.process = process;
        this.console = console;
    }

    /** Starts {@code command}, its output and errors both written to {@code console}. */
    public static ServerProcess start(String name, ProcessBuilder command, Path console) {
        command.redirectErrorStream(true).redirectOutput(console.toFile());
        try {
            ServerProcess server = new ServerProcess(name, command.start(), console);
            RUNNING.add(server);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name + ": " + command.command(), e);
        }
    }

    /** Adopts a process started elsewhere (e.g. by WildFly's launcher) whose output already goes to {@code console}. */
    public static ServerProcess adopt(String name, Process process, Path console) {
        ServerProcess server = new ServerProcess(name, process, console);
        RUNNING.add(server);
        return server;
    }

    /**
     * Polls {@code ready} every half second until it holds, at most {@code timeout}; fails at once, with the end of
     * the console, if the server exits meanwhile.
     */
    public void awaitReady(Duration timeout, BooleanSupplier ready) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        name + " exited with " + process.exitValue() + " while starting:\n" + consoleTail(60));
            }
            if (ready.getAsBoolean()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " not ready after " + timeout + ":\n" + consoleTail(60));
            }
            Pause.of(Duration.ofMillis(500));
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path console() {
        return console;
    }

    /** The server JVM's threads now, read with {@code jcmd <pid> Thread.print}. */
    public ThreadDump threads() {
        return ThreadDump.of(pid());
    }

    /** Every TCP socket the server listens on that is not a loopback address (empty is the only good answer). */
    public List<String> nonLoopbackListeners() {
        return Listeners.nonLoopback(pid());
    }

    /** The console's text so far. */
    public String consoleText() {
        try {
            return new String(Files.readAllBytes(console), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String consoleTail(int lines) {
        List<String> all = consoleText().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** SIGTERM (the servers stop gracefully on it), then SIGKILL if still running after a minute. */
    @Override
    public void close() {
        kill(GRACEFUL_STOP);
    }

    private void kill(Duration grace) {
        try {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            RUNNING.remove(this);
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
