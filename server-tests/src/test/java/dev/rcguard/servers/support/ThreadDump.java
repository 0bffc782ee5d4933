package dev.rcguard.servers.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The threads of another JVM, read with {@code jcmd <pid> Thread.print}: each thread's name and its Java thread id
 * ({@code #123}), which grows with every thread the JVM starts, so a later dump tells old threads from new ones.
 *
 * <pre>{@code
 * ThreadDump dump = ThreadDump.of(pid);
 * List<ServerThread> ours = dump.matching(ServerThread::isLibraryThread);
 * }</pre>
 */
public record ThreadDump(List<ServerThread> threads) {

    /** {@code "rcguard-client-1" #45 daemon prio=5 ...} */
    private static final Pattern HEADER = Pattern.compile("^\"(.*)\" #(\\d+) ");

    /** One thread: its name and Java thread id. */
    public record ServerThread(String name, long id) {

        /**
         * A thread the library starts or makes its HTTP client start: its own {@code rcguard-*} threads, and the
         * idle-connection evictor of Apache HttpClient under RESTEasy's client ({@code Connection evictor}).
         */
        public boolean isLibraryThread() {
            return name.startsWith("rcguard-") || name.startsWith("Connection evictor");
        }

        @Override
        public String toString() {
            return "\"" + name + "\" #" + id;
        }
    }

    public static ThreadDump of(long pid) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        ProcessBuilder command = new ProcessBuilder(
                        Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd", Long.toString(pid), "Thread.print")
                .redirectErrorStream(true);
        try {
            Path out = Files.createTempFile("jcmd-" + pid + "-", ".txt");
            try {
                Process process = command.redirectOutput(out.toFile()).start();
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("jcmd " + pid + " Thread.print did not answer within 60 s");
                }
                String text = Files.readString(out, StandardCharsets.UTF_8);
                if (process.exitValue() != 0) {
                    throw new IllegalStateException("jcmd " + pid + " Thread.print failed: " + text);
                }
                return parse(text);
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static ThreadDump parse(String text) {
        List<ServerThread> threads = new ArrayList<>();
        text.lines().forEach(line -> {
            Matcher header = HEADER.matcher(line);
            if (header.find()) {
                threads.add(new ServerThread(header.group(1), Long.parseLong(header.group(2))));
            }
        });
        if (threads.isEmpty()) {
            throw new IllegalStateException("No thread found in this thread dump:\n" + text);
        }
        return new ThreadDump(List.copyOf(threads));
    }

    public List<ServerThread> matching(Predicate<ServerThread> filter) {
        return threads.stream().filter(filter).toList();
    }

    /** Those of {@code earlier} still alive in this dump. */
    public List<ServerThread> stillAlive(List<ServerThread> earlier) {
        return earlier.stream().filter(threads::contains).toList();
    }
}
