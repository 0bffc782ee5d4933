package dev.rcguard.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rcguard.simulator.RateLimits;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** {@code @WithRingCentralSimulator(rateLimits = true)}: RingCentral's own limits, enforced. */
@WithRingCentralSimulator(rateLimits = true)
class RateLimitsOnTest {

    @Test
    void theCallAfterRingCentralsLimit_is429WithRetryAfter(SimulatedRingCentral ringCentral) {
        ringCentral.addUser("alice-token").grant("ReadMessages");
        assertThat(ringCentral.spend("alice-token", RateLimits.Group.LIGHT, 49)).isEqualTo(49);

        HttpResponse<String> last = Http.check(ringCentral.baseUri(), "alice-token", "ReadMessages");
        HttpResponse<String> over = Http.check(ringCentral.baseUri(), "alice-token", "ReadMessages");

        assertThat(last.statusCode()).isEqualTo(200);
        assertThat(last.headers().firstValue("X-Rate-Limit-Limit")).hasValue("50");
        assertThat(last.headers().firstValue("X-Rate-Limit-Remaining")).hasValue("0");
        assertThat(over.statusCode()).isEqualTo(429);
        assertThat(over.headers().firstValue("Retry-After")).hasValue("60");
        assertThat(over.body()).contains("CMN-301");
    }

    @Test
    void eachTestStartsWithAFreshWindow_whateverTheTestBeforeSpent(SimulatedRingCentral ringCentral) {
        ringCentral.addUser("alice-token").grant("ReadMessages");

        HttpResponse<String> first = Http.check(ringCentral.baseUri(), "alice-token", "ReadMessages");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("X-Rate-Limit-Remaining")).hasValue("49");
        assertThat(ringCentral
                        .rateLimitUsage("alice-token", RateLimits.Group.LIGHT)
                        .spent())
                .isEqualTo(1);
    }
}
