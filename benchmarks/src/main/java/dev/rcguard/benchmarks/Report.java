package dev.rcguard.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * What every benchmark prints before its table: the machine and how busy it was, since on a shared machine the
 * absolute numbers move with the load and only ratios from one run compare.
 *
 * <pre>{@code
 * Report.machine("Coalescing");
 * }</pre>
 */
public final class Report {

    private Report() {}

    /** Prints {@code title} as a heading, then the machine line. */
    public static void machine(String title) {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        Runtime runtime = Runtime.getRuntime();
        System.out.printf(
                "%n## %s%n%ncpus=%d, load average=%.2f, java=%s (%s), max heap=%d MiB%n%n",
                title,
                runtime.availableProcessors(),
                os.getSystemLoadAverage(),
                System.getProperty("java.version"),
                System.getProperty("java.vm.name"),
                runtime.maxMemory() >> 20);
    }
}
