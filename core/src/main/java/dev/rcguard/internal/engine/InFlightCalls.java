package dev.rcguard.internal.engine;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Identical concurrent calls share one upstream call. The entry is removed the moment the call completes, before
 * anyone is told its result: nothing is cached, a later check always asks again.
 */
public final class InFlightCalls<K, V> {

    private final Map<K, CompletableFuture<V>> calls = new ConcurrentHashMap<>();

    public CompletableFuture<V> share(K key, Supplier<CompletableFuture<V>> call) {
        return share(key, call, () -> {});
    }

    /** As {@link #share(Object, Supplier)}; {@code joined} runs when the call in flight is shared, not made. */
    public CompletableFuture<V> share(K key, Supplier<CompletableFuture<V>> call, Runnable joined) {
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> running = calls.putIfAbsent(key, mine);
        if (running != null) {
            joined.run();
            return running;
        }
        CompletableFuture<V> upstream;
        try {
            upstream = call.get();
        } catch (RuntimeException e) {
            calls.remove(key, mine);
            mine.completeExceptionally(e);
            return mine;
        }
        upstream.whenComplete((value, failure) -> {
            calls.remove(key, mine);
            if (failure != null) {
                mine.completeExceptionally(failure);
            } else {
                mine.complete(value);
            }
        });
        return mine;
    }

    /** Calls in flight right now. */
    public int size() {
        return calls.size();
    }
}
