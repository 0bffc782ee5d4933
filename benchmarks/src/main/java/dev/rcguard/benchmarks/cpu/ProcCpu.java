package dev.rcguard.benchmarks.cpu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A process's CPU time from Linux's accounting ({@code /proc/PID/stat}, user + system, every thread, those that ended
 * included), split by the JVM's thread names ({@code /proc/PID/task/TID/stat}): the JIT compiler's threads, the
 * garbage collector's (and the VM thread's), and everything else. Where {@code /proc} cannot be read, only the total
 * is known, from {@link ProcessHandle.Info#totalCpuDuration()}. Beside it, the threads' context switches
 * ({@code /proc/PID/task/TID/status}): voluntary (the thread waited: a lock, a socket, a sleep) and involuntary (the
 * scheduler took the core from it, for example for a thread its own write woke).
 *
 * <pre>{@code
 * ProcCpu.Snapshot before = ProcCpu.snapshot(handle);
 * ... the measured window ...
 * ProcCpu.Times used = ProcCpu.snapshot(handle).since(before);   // seconds: total, system, jit, gc
 * }</pre>
 */
final class ProcCpu {

    /** Clock ticks per second ({@code getconf CLK_TCK}); 100 on every Linux this runs on. */
    private static final double TICKS = clockTicks();

    private ProcCpu() {}

    /**
     * CPU seconds used in a window: all threads (user + system), of which system (the kernel, on the process's
     * behalf: system calls, and on loopback the TCP work of both ends of a write), the JIT compiler's threads, the
     * GC's and the VM thread's; and the context switches of the threads that lived through the window, voluntary and
     * involuntary (NaN where {@code /proc} cannot be read).
     */
    record Times(double total, double system, double jit, double gc, double voluntary, double involuntary) {}

    /** The process's CPU time at one instant, per thread where known, and each thread's context switches. */
    record Snapshot(
            double total,
            double system,
            Map<Long, Double> jit,
            Map<Long, Double> gc,
            Map<Long, Double> voluntary,
            Map<Long, Double> involuntary) {
        /**
         * What was used since {@code before}: a thread that ended in between is in the total only; one that started
         * counts from 0.
         */
        Times since(Snapshot before) {
            return new Times(
                    total - before.total,
                    system - before.system,
                    delta(jit, before.jit),
                    delta(gc, before.gc),
                    voluntary.isEmpty() ? Double.NaN : delta(voluntary, before.voluntary),
                    involuntary.isEmpty() ? Double.NaN : delta(involuntary, before.involuntary));
        }

        private static double delta(Map<Long, Double> now, Map<Long, Double> before) {
            double sum = 0;
            for (Map.Entry<Long, Double> e : now.entrySet()) {
                sum += e.getValue() - before.getOrDefault(e.getKey(), 0.0);
            }
            return sum;
        }
    }

    static Snapshot snapshot(ProcessHandle process) {
        Path proc = Path.of("/proc", String.valueOf(process.pid()));
        Map<Long, Double> jit = new HashMap<>();
        Map<Long, Double> gc = new HashMap<>();
        Map<Long, Double> voluntary = new HashMap<>();
        Map<Long, Double> involuntary = new HashMap<>();
        Optional<Stat> total = seconds(proc.resolve("stat"));
        if (total.isEmpty()) {
            double fromJdk = process.info()
                            .totalCpuDuration()
                            .orElseThrow(() -> new IllegalStateException("No CPU time for process " + process.pid()))
                            .toNanos()
                    / 1e9;
            return new Snapshot(fromJdk, Double.NaN, jit, gc, voluntary, involuntary);
        }
        try (Stream<Path> tasks = Files.list(proc.resolve("task"))) {
            tasks.forEach(task -> seconds(task.resolve("stat")).ifPresent(stat -> {
                long tid = Long.parseLong(task.getFileName().toString());
                if (stat.name.startsWith("C1 Compiler") || stat.name.startsWith("C2 Compiler")) {
                    jit.put(tid, stat.seconds);
                } else if (stat.name.startsWith("GC Thread")
                        || stat.name.startsWith("G1 ")
                        || stat.name.equals("VM Thread")) {
                    gc.put(tid, stat.seconds);
                }
                switches(task.resolve("status"), tid, voluntary, involuntary);
            }));
        } catch (IOException e) {
            // the process ended: the total stands alone
        }
        return new Snapshot(total.get().seconds, total.get().system, jit, gc, voluntary, involuntary);
    }

    /** A thread's {@code voluntary_ctxt_switches} and {@code nonvoluntary_ctxt_switches}, if it is still there. */
    private static void switches(Path status, long tid, Map<Long, Double> voluntary, Map<Long, Double> involuntary) {
        try {
            for (String line : Files.readAllLines(status)) {
                Map<Long, Double> into = line.startsWith("voluntary_ctxt_switches:")
                        ? voluntary
                        : line.startsWith("nonvoluntary_ctxt_switches:") ? involuntary : null;
                if (into != null) {
                    String count = line.substring(line.indexOf(':') + 1).strip();
                    into.put(tid, Double.parseDouble(count));
                }
            }
        } catch (IOException e) {
            // the thread ended: its switches are not counted
        }
    }

    private record Stat(String name, double seconds, double system) {}

    /** utime + stime of a {@code stat} file, with the thread's (or process's) name. */
    private static Optional<Stat> seconds(Path stat) {
        String line;
        try {
            line = Files.readString(stat);
        } catch (IOException e) {
            return Optional.empty();
        }
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 0 || close < open) {
            return Optional.empty();
        }
        String[] f = line.substring(close + 2).trim().split("\\s+"); // f[0] is field 3 (state)
        long user = Long.parseLong(f[11]); // field 14: utime
        long system = Long.parseLong(f[12]); // field 15: stime
        return Optional.of(new Stat(line.substring(open + 1, close), (user + system) / TICKS, system / TICKS));
    }

    private static double clockTicks() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(getconf.getInputStream().readAllBytes()).strip();
            if (getconf.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) && getconf.exitValue() == 0) {
                return Double.parseDouble(out);
            }
        } catch (IOException | NumberFormatException e) {
            // no getconf
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }
}
