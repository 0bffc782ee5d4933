package dev.rcguard.servers.support;

import dev.rcguard.servers.support.ThreadDump.ServerThread;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The library's threads in a server JVM ({@link ServerThread#isLibraryThread()}), less those the server already had
 * before the first deployment.
 *
 * <pre>{@code
 * LibraryThreads threads = LibraryThreads.watch(server.process());
 * List<ServerThread> before = threads.now();
 * server.redeploy(...);
 * assertThat(threads.awaitGone(before, Duration.ofSeconds(10))).isEmpty();
 * }</pre>
 */
public final class LibraryThreads {

    private static final Duration POLL = Duration.ofSeconds(1);

    private final ServerProcess server;
    private final Set<ServerThread> baseline;

    private LibraryThreads(ServerProcess server, Set<ServerThread> baseline) {
        this.server = server;
        this.baseline = baseline;
    }

    /** Starts watching: threads of these kinds running now are the server's own and never counted. */
    public static LibraryThreads watch(ServerProcess server) {
        return new LibraryThreads(server, Set.copyOf(server.threads().matching(ServerThread::isLibraryThread)));
    }

    /** The library's threads running now. */
    public List<ServerThread> now() {
        return server.threads().matching(thread -> thread.isLibraryThread() && !baseline.contains(thread));
    }

    /**
     * Waits, at most {@code wait} and polling every second, until none of {@code earlier} is alive; returns those
     * still alive then (empty when all ended).
     */
    public List<ServerThread> awaitGone(List<ServerThread> earlier, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        List<ServerThread> alive = server.threads().stillAlive(earlier);
        while (!alive.isEmpty() && System.nanoTime() < deadline) {
            Pause.of(POLL);
            alive = server.threads().stillAlive(earlier);
        }
        return alive;
    }

    /** For messages: {@code "rcguard-client-1" #45, "Connection evictor" #46}. */
    public static String describe(List<ServerThread> threads) {
        return threads.stream().map(ServerThread::toString).collect(Collectors.joining(", "));
    }
}
