package dev.rcguard.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rcguard.simulator.RateLimits;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link RingCentralSimulatorExtension} registered by hand, with rate limits of the test's own numbers. */
class RegisteredExtensionTest {

    @RegisterExtension
    static final RingCentralSimulatorExtension RING_CENTRAL = RingCentralSimulatorExtension.create()
            .withRateLimits(RateLimits.of(2, 2, Duration.ofSeconds(60), Duration.ofSeconds(30)))
            .withSimulator(builder -> builder.client("my-client-id", "my-client-secret"));

    @Test
    void theTestsOwnLimitsAreEnforced() {
        SimulatedRingCentral ringCentral = RING_CENTRAL.ringCentral();
        ringCentral.addUser("alice-token").grant("ReadMessages");

        HttpResponse<String> first = Http.check(ringCentral.baseUri(), "alice-token", "ReadMessages");
        HttpResponse<String> second = Http.check(ringCentral.baseUri(), "alice-token", "ReadMessages");
        HttpResponse<String> third = Http.check(ringCentral.baseUri(), "alice-token", "ReadMessages");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("X-Rate-Limit-Limit")).hasValue("2");
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.headers().firstValue("Retry-After")).hasValue("30");
    }

    @Test
    void limitsChangedInATest_areTheClasssAgainInTheNext_andTheBuilderSettingsHold(SimulatedRingCentral ringCentral) {
        ringCentral.rateLimits(RateLimits.disabled()); // what the test before might have done
        ringCentral.simulator().reset(); // what the kit does before each test

        ringCentral.addUser("alice-token").grant("ReadMessages");
        HttpResponse<String> response = Http.check(ringCentral.baseUri(), "alice-token", "ReadMessages");

        assertThat(response.headers().firstValue("X-Rate-Limit-Limit")).hasValue("2");
        assertThat(ringCentral.simulator().clientId()).isEqualTo("my-client-id");
        assertThat(RING_CENTRAL.ringCentral()).isSameAs(ringCentral);
    }
}
