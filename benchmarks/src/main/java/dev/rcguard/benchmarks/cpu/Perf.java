package dev.rcguard.benchmarks.cpu;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Linux {@code perf record} of one process over one cell's window: every thread's CPU time, the kernel's included
 * (JFR sees only Java code on CPU), sampled with call graphs. The server's JIT-compiled methods are named by the map
 * its JVM writes to {@code /tmp/perf-<pid>.map} when it ends ({@code -XX:+DumpPerfMapAtExit}), so a recording is read
 * after the run:
 *
 * <pre>{@code
 * perf report -i benchmarks/target/cpu/NAME-embedded-run1-many-16-guarded.perf.data --children --sort sym --stdio -g none
 * }</pre>
 */
final class Perf {

    private final Process perf;
    private final Path data;

    private Perf(Process perf, Path data) {
        this.perf = perf;
        this.data = data;
    }

    /** Starts sampling {@code pid} (999 Hz, CPU clock, call graphs) into {@code data}. */
    static Perf record(long pid, Path data) throws IOException {
        Process perf = new ProcessBuilder(
                        "perf",
                        "record",
                        "-q",
                        "-e",
                        "cpu-clock",
                        "-F",
                        "999",
                        "-g",
                        "-p",
                        String.valueOf(pid),
                        "-o",
                        data.toString())
                .redirectErrorStream(true)
                .redirectOutput(data.resolveSibling(data.getFileName() + ".log").toFile())
                .start();
        return new Perf(perf, data);
    }

    /** Stops sampling (SIGTERM: perf writes its file whole and ends) and waits for the file, at most 60 s. */
    void stop() throws InterruptedException {
        perf.destroy();
        if (!perf.waitFor(60, TimeUnit.SECONDS)) {
            perf.destroyForcibly();
            throw new IllegalStateException("perf did not end: " + data + " may be incomplete");
        }
    }
}
