package dev.rcguard.cdi.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts which protected code actually ran, so tests can prove that a refused request never reached it. */
public final class Invocations {

    private static final Map<String, AtomicInteger> COUNTS = new ConcurrentHashMap<>();

    private Invocations() {}

    public static void record(String what) {
        COUNTS.computeIfAbsent(what, k -> new AtomicInteger()).incrementAndGet();
    }

    public static int of(String what) {
        AtomicInteger count = COUNTS.get(what);
        return count == null ? 0 : count.get();
    }

    public static int total() {
        return COUNTS.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    public static void reset() {
        COUNTS.clear();
    }
}
