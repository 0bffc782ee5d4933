package dev.rcguard.benchmarks.cpu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

/**
 * The top frames of a JFR recording's {@code jdk.ExecutionSample} events (Java code on CPU; not the JIT compiler,
 * the GC or native code; {@code --events} adds {@code jdk.NativeMethodSample}, threads in native code, on CPU or
 * blocked): by self samples (the sample's top frame), and the library's methods ({@code dev.rcguard},
 * not the benchmark's {@code dev.rcguard.benchmarks}) by samples that include them anywhere on the stack. With {@code --cell}, only the samples taken during the measured windows of
 * the cells whose name contains it ({@link CpuPerCheckBenchmark} writes them beside the recording, in
 * {@code <recording>.cells.tsv}: server, run, {@code many/64/guarded}, start and end in epoch ms).
 *
 * <pre>
 * java -cp 'benchmarks/target/benchmarks.jar:benchmarks/target/lib/*' dev.rcguard.benchmarks.cpu.JfrTop \
 *      benchmarks/target/cpu/profile-embedded-run1.jfr [--cell many/64/guarded] [--top 15] [--thread NAME] \
 *      [--events jdk.ExecutionSample,jdk.NativeMethodSample]
 * </pre>
 */
public final class JfrTop {

    private JfrTop() {}

    private record Window(String cell, long from, long to) {}

    public static void main(String[] args) throws IOException {
        if (args.length == 0 || args[0].startsWith("--")) {
            System.err.println("Usage: JfrTop RECORDING.jfr [--cell many/64/guarded] [--top 15] [--thread NAME]"
                    + " [--events jdk.ExecutionSample,jdk.NativeMethodSample]");
            System.exit(2);
        }
        Path recording = Path.of(args[0]);
        String cell = null;
        String thread = null;
        Set<String> events = Set.of("jdk.ExecutionSample");
        int top = 15;
        for (int i = 1; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--cell" -> cell = args[i + 1];
                case "--top" -> top = Integer.parseInt(args[i + 1]);
                case "--thread" -> thread = args[i + 1];
                case "--events" -> events = Set.of(args[i + 1].split(","));
                default -> throw new IllegalArgumentException("Unknown option " + args[i]);
            }
        }
        List<Window> windows = new ArrayList<>();
        if (cell != null) {
            Path cells = recording.resolveSibling(recording.getFileName() + ".cells.tsv");
            for (String line : Files.readAllLines(cells)) {
                String[] f = line.split("\t");
                if (f.length == 5 && f[2].contains(cell)) {
                    windows.add(new Window(f[2], Long.parseLong(f[3]), Long.parseLong(f[4])));
                }
            }
            if (windows.isEmpty()) {
                throw new IllegalArgumentException("No cell matching " + cell + " in " + cells);
            }
        }
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> including = new HashMap<>();
        Map<String, Integer> threads = new HashMap<>();
        int samples = 0;
        int withGuard = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (!events.contains(event.getEventType().getName()) || event.getStackTrace() == null) {
                    continue;
                }
                if (!windows.isEmpty() && !inAny(windows, event.getStartTime())) {
                    continue;
                }
                String threadName = event.getThread("sampledThread") == null
                        ? "?"
                        : String.valueOf(event.getThread("sampledThread").getJavaName());
                if (thread != null && !threadName.contains(thread)) {
                    continue;
                }
                samples++;
                threads.merge(threadName.replaceAll("\\d+", "N"), 1, Integer::sum);
                List<RecordedFrame> frames = event.getStackTrace().getFrames();
                if (frames.isEmpty()) {
                    continue;
                }
                self.merge(name(frames.get(0)), 1, Integer::sum);
                Set<String> seen = new HashSet<>();
                for (RecordedFrame frame : frames) {
                    String name = name(frame);
                    if (guard(name) && seen.add(name)) {
                        including.merge(name, 1, Integer::sum);
                    }
                }
                if (!seen.isEmpty()) {
                    withGuard++;
                }
            }
        }
        System.out.printf(
                "%s: %d samples (%s)%s%s%n",
                recording,
                samples,
                String.join(", ", events),
                windows.isEmpty() ? "" : " in " + windows.size() + " window(s) of cells matching " + cell,
                thread == null ? "" : " on threads named *" + thread + "*");
        if (samples == 0) {
            return;
        }
        System.out.printf(
                "%d samples (%.1f %%) have a frame of the library (dev.rcguard, not .benchmarks) on the stack%n%n",
                withGuard, 100.0 * withGuard / samples);
        print("self (top frame)", self, samples, top, true);
        print("the library's methods, including what they call", including, samples, top, false);
        print("threads", threads, samples, top, false);
    }

    /** The library's code: {@code dev.rcguard}, not the benchmark's own resources. */
    private static boolean guard(String frame) {
        return frame.startsWith("dev.rcguard.") && !frame.startsWith("dev.rcguard.benchmarks.");
    }

    private static boolean inAny(List<Window> windows, Instant at) {
        long ms = at.toEpochMilli();
        return windows.stream().anyMatch(w -> ms >= w.from && ms <= w.to);
    }

    private static String name(RecordedFrame frame) {
        RecordedMethod method = frame.getMethod();
        if (method == null) {
            return "?";
        }
        return method.getType().getName() + "." + method.getName();
    }

    private static void print(String title, Map<String, Integer> counts, int samples, int top, boolean mark) {
        System.out.printf("| %s | samples | share | %s%n", title, mark ? "the library's |" : "");
        System.out.println(mark ? "|---|---:|---:|---|" : "|---|---:|---:|");
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(top)
                .forEach(e -> System.out.printf(
                        "| `%s` | %d | %.1f %% | %s%n",
                        e.getKey(),
                        e.getValue(),
                        100.0 * e.getValue() / samples,
                        mark ? (guard(e.getKey()) ? "yes |" : " |") : ""));
        System.out.println();
    }
}
