package dev.rcguard.engine;

import dev.rcguard.Decision;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/** Completes one future from another, turning a failure into a refusal. */
final class Completion {

    private Completion() {}

    static BiConsumer<Decision, Throwable> into(CompletableFuture<Decision> target) {
        return (decision, failure) -> target.complete(failure != null ? Failures.unexpected(failure) : decision);
    }
}
