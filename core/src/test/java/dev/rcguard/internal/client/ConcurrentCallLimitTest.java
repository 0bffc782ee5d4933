package dev.rcguard.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rcguard.Decision;
import dev.rcguard.Decision.Outcome;
import dev.rcguard.simulator.Endpoint;
import dev.rcguard.simulator.RateLimits;
import dev.rcguard.simulator.RingCentralSimulator;
import dev.rcguard.spi.Caller;
import dev.rcguard.spi.GuardConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code rcguard.max-concurrent-calls}: exactly that many calls may be in flight; one more fails closed at once. */
class ConcurrentCallLimitTest {

    static final int LIMIT = 8;
    static RingCentralSimulator ringCentral;
    static HttpRingCentralClient client;

    @BeforeAll
    static void start() {
        ringCentral = RingCentralSimulator.builder()
                .rateLimits(RateLimits.disabled())
                .defaultLatency(Duration.ofMillis(300))
                .user(u -> u.token("alice-token").grant("ReadMessages"))
                .start();
        client = new HttpRingCentralClient(GuardConfig.load(name -> switch (name) {
                    case GuardConfig.MAX_CONCURRENT_CALLS -> String.valueOf(LIMIT);
                    default -> null;
                })
                .withServerUrl(ringCentral.baseUri()));
    }

    @AfterAll
    static void stop() {
        client.close();
        ringCentral.close();
    }

    @Test
    void everyCallWithinTheLimitGoes_roundAfterRound() {
        for (int round = 0; round < 5; round++) {
            List<CompletableFuture<Decision>> calls = new ArrayList<>();
            for (int i = 0; i < LIMIT; i++) {
                calls.add(client.checkPermission(Caller.of("alice-token"), "ReadMessages", null)
                        .thenApply(a -> a.decision("ReadMessages")));
            }
            assertThat(calls)
                    .allSatisfy(call -> assertThat(call.join().outcome()).isEqualTo(Outcome.GRANTED));
        }
    }

    @Test
    void aCallBeyondTheLimitFailsClosedAtOnce_withoutReachingRingCentral() {
        ringCentral.counters().reset();
        List<CompletableFuture<Decision>> inFlight = new ArrayList<>();
        for (int i = 0; i < LIMIT; i++) {
            inFlight.add(client.checkPermission(Caller.of("alice-token"), "ReadMessages", null)
                    .thenApply(a -> a.decision("ReadMessages")));
        }

        CompletableFuture<Decision> oneMore = client.checkPermission(Caller.of("alice-token"), "ReadMessages", null)
                .thenApply(a -> a.decision("ReadMessages"));

        assertThat(oneMore).isDone();
        assertThat(oneMore.join().outcome()).isEqualTo(Outcome.UNAVAILABLE);
        assertThat(oneMore.join().reason().code()).isEqualTo("Overloaded");
        assertThat(inFlight)
                .allSatisfy(call -> assertThat(call.join().isGranted()).isTrue());
        assertThat(ringCentral.counters().calls(Endpoint.PERMISSION_CHECK)).isEqualTo(LIMIT);
    }
}
