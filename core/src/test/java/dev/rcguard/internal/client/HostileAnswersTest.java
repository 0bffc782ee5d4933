package dev.rcguard.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rcguard.Decision;
import dev.rcguard.Decision.Outcome;
import dev.rcguard.simulator.hostile.AnswerKind;
import dev.rcguard.simulator.hostile.HostileRingCentral;
import dev.rcguard.simulator.hostile.Label;
import dev.rcguard.simulator.hostile.Trait;
import dev.rcguard.spi.Caller;
import dev.rcguard.spi.GuardConfig;
import dev.rcguard.spi.RingCentralClient;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The client against the hostile stand-in: every kind of answer, each labelled by hand as a genuine grant or not when
 * it was written (the oracle is the label, not this library's reading). 0 non-grants granted, 0 answers read as
 * another call's, 0 tokens echoed, and every thread and call slot back afterwards.
 */
class HostileAnswersTest {

    static final int SLOTS = 300;
    static final int BATCH = 24;

    static HostileRingCentral rc;
    static HttpRingCentralClient client;

    @BeforeAll
    static void start() {
        rc = HostileRingCentral.builder()
                .stallCap(Duration.ofSeconds(5))
                .maxConnections(2048)
                .start();
        client = new HttpRingCentralClient(GuardConfig.load(name -> switch (name) {
                    case GuardConfig.CONNECT_TIMEOUT_MS -> "1000";
                    case GuardConfig.READ_TIMEOUT_MS -> "2000";
                    case GuardConfig.MAX_CONCURRENT_CALLS -> Integer.toString(SLOTS);
                    default -> null;
                })
                .withServerUrl(rc.baseUri()));
    }

    @AfterAll
    static void stop() {
        client.close();
        rc.close();
    }

    @Test
    void everyKindOfPermissionAnswer_grantsExactlyWhenItsLabelSaysGrant() {
        Map<AnswerKind, Decision> decisions =
                inBatches(kind -> client.checkPermission(Caller.of(kind.token("permission")), "ReadMessages", null)
                        .thenApply(answer -> answer.decision("ReadMessages")));

        List<String> wrong = new ArrayList<>();
        decisions.forEach((kind, decision) -> judge(kind, kind.permissionLabel(), decision, "permission", wrong));

        assertThat(wrong).as("kinds decided against their label").isEmpty();
    }

    @Test
    void everyKindOfFeaturesAnswer_grantsEachIdExactlyWhenItsLabelSaysGrant() {
        List<String> ids = List.of("SMSSending", "FaxReceiving");
        Map<AnswerKind, Map<String, Decision>> answers =
                inBatches(kind -> client.checkFeatures(Caller.of(kind.token("features")), ids)
                        .thenApply(RingCentralClient.Answer::decisions));

        List<String> wrong = new ArrayList<>();
        answers.forEach((kind, decisions) -> {
            for (int i = 0; i < ids.size(); i++) {
                judge(kind, kind.featureLabel(i), decisions.get(ids.get(i)), "features", wrong);
            }
        });

        assertThat(wrong).as("kinds decided against their label").isEmpty();
    }

    @Test
    void noAnswerIsEverReadAsAnotherCalls() {
        // Each kind that leaves bytes behind (often a whole grant) is followed, on the same client, by calls whose own
        // answers are refusals: a denial, an expired token. Kept connections must never hand them those bytes.
        List<String> wrong = new ArrayList<>();
        for (AnswerKind kind : AnswerKind.values()) {
            if (!kind.has(Trait.LEFTOVER_BYTES)) {
                continue;
            }
            client.checkPermission(Caller.of(kind.token()), "ReadMessages", null)
                    .join();
            for (AnswerKind probe : List.of(AnswerKind.values()[denial()], AnswerKind.values()[expired()])) {
                Decision next = client.checkPermission(
                                Caller.of(probe.token("after-" + kind.number())), "ReadMessages", null)
                        .join()
                        .decision("ReadMessages");
                if (next.isGranted() || next.outcome() != expected(probe.permissionLabel())) {
                    wrong.add(probe + " after " + kind + " was decided " + next);
                }
            }
        }

        assertThat(wrong).isEmpty();
    }

    @Test
    void afterHostileAnswers_everyCallSlotIsFree_andNoClientThreadKeepsWorking() throws Exception {
        List<CompletableFuture<Decision>> hostile = new ArrayList<>();
        List<AnswerKind> nasty = Arrays.stream(AnswerKind.values())
                .filter(kind -> kind.has(Trait.STALLS) || kind.has(Trait.READER_LIMITS) || kind.has(Trait.DELAYED))
                .toList();
        for (int i = 0; i < 50; i++) {
            AnswerKind kind = nasty.get(i % nasty.size());
            hostile.add(client.checkPermission(Caller.of(kind.token("slot-" + i)), "ReadMessages", null)
                    .thenApply(answer -> answer.decision("ReadMessages")));
        }
        hostile.forEach(CompletableFuture::join); // each ends by its deadline, answer or not

        assertThat(client.freeSlots()).isEqualTo(SLOTS);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long before = clientCpuNanos(threads);
        Thread.sleep(1000);
        long spent = clientCpuNanos(threads) - before;
        assertThat(Duration.ofNanos(spent))
                .as("CPU the client's threads spent in a second after the last decision")
                .isLessThan(Duration.ofMillis(50));
    }

    /** Every kind, {@link #BATCH} calls at a time (a burst of hundreds would only measure this machine). */
    private static <T> Map<AnswerKind, T> inBatches(
            java.util.function.Function<AnswerKind, CompletableFuture<T>> call) {
        Map<AnswerKind, T> results = new java.util.EnumMap<>(AnswerKind.class);
        AnswerKind[] kinds = AnswerKind.values();
        for (int from = 0; from < kinds.length; from += BATCH) {
            Map<AnswerKind, CompletableFuture<T>> batch = new java.util.EnumMap<>(AnswerKind.class);
            for (int i = from; i < Math.min(kinds.length, from + BATCH); i++) {
                batch.put(kinds[i], call.apply(kinds[i]));
            }
            batch.forEach((kind, future) -> results.put(kind, future.join()));
        }
        return results;
    }

    private static void judge(AnswerKind kind, Label label, Decision decision, String suffix, List<String> wrong) {
        String token = kind.token(suffix);
        if (decision.reason() != null
                && (decision.reason().message().contains(token)
                        || decision.reason().code().contains(token))) {
            wrong.add(kind + " echoed the token: " + decision);
        }
        if (decision.isGranted() && !label.isGrant()) {
            wrong.add(kind + " (" + label + ") was GRANTED: " + kind.description());
        } else if (!decision.isGranted() && label.isGrant() && !kind.has(Trait.READER_LIMITS)) {
            wrong.add(kind + " (a genuine grant) was refused: " + decision);
        } else if (!decision.isGranted()
                && label.expectedStatus().isPresent()
                && decision.outcome() != expected(label)) {
            wrong.add(kind + " (" + label + ") was " + decision);
        } else if (!decision.isGranted()
                && kind.has(Trait.READER_LIMITS)
                && decision.outcome() != Outcome.UNAVAILABLE) {
            wrong.add(kind + " (a grant past the reader's limits) was " + decision);
        }
    }

    private static Outcome expected(Label label) {
        return switch (label) {
            case GRANT -> Outcome.GRANTED;
            case DENIED -> Outcome.DENIED;
            case UNAUTHENTICATED -> Outcome.UNAUTHENTICATED;
            case UNAVAILABLE, REFUSED -> Outcome.UNAVAILABLE;
        };
    }

    private static int denial() {
        return indexOf(Label.DENIED);
    }

    private static int expired() {
        return indexOf(Label.UNAUTHENTICATED);
    }

    /** The first kind of that label that completes at once and leaves nothing behind. */
    private static int indexOf(Label label) {
        AnswerKind[] kinds = AnswerKind.values();
        for (int i = 0; i < kinds.length; i++) {
            AnswerKind kind = kinds[i];
            if (kind.permissionLabel() == label && kind.traits().isEmpty()) {
                return i;
            }
        }
        throw new IllegalStateException("no plain kind labelled " + label);
    }

    private static long clientCpuNanos(ThreadMXBean threads) {
        long total = 0;
        for (java.lang.management.ThreadInfo info : threads.dumpAllThreads(false, false)) {
            if (info.getThreadName().startsWith("rcguard-client-")) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }
}
