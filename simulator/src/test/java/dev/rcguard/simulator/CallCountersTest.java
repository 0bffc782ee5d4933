package dev.rcguard.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CallCountersTest {
    private RingCentralSimulator simulator;
    private Http http;

    @BeforeEach
    void start() {
        simulator = RingCentralSimulator.builder()
                .rateLimits(RateLimits.of(50, 1, Duration.ofSeconds(60), Duration.ofSeconds(60)))
                .user(u -> u.token("t1").grant("ReadMessages").feature("SMSSending", true))
                .user(u -> u.token("t2"))
                .start();
        http = new Http(simulator);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void countsPerEndpointTokenAndId() {
        http.get(Http.check("ReadMessages"), "t1");
        http.get(Http.check("ReadMessages"), "t1");
        http.get(Http.check("EditMessages"), "t2");
        http.get(Http.profile(), "t1");

        CallCounters counters = simulator.counters();
        assertThat(counters.total()).isEqualTo(4);
        assertThat(counters.calls(Endpoint.PERMISSION_CHECK)).isEqualTo(3);
        assertThat(counters.calls(Endpoint.AUTHZ_PROFILE)).isEqualTo(1);
        assertThat(counters.calls(Endpoint.FEATURES)).isZero();
        assertThat(counters.callsWithToken("t1")).isEqualTo(3);
        assertThat(counters.calls("t1", "ReadMessages")).isEqualTo(2);
        assertThat(counters.calls("t2", "EditMessages")).isEqualTo(1);
        assertThat(counters.calls("t2", "ReadMessages")).isZero();
    }

    @Test
    void featuresCall_countsOncePerFeatureIdAsked() {
        http.get(Http.features("featureId=SMSSending&featureId=ReadMessages"), "t1");

        CallCounters counters = simulator.counters();
        assertThat(counters.calls(Endpoint.FEATURES)).isEqualTo(1);
        assertThat(counters.calls(Endpoint.FEATURES, "t1", "SMSSending")).isEqualTo(1);
        assertThat(counters.calls(Endpoint.FEATURES, "t1", "ReadMessages")).isEqualTo(1);
        assertThat(counters.calls(Endpoint.PERMISSION_CHECK, "t1", "ReadMessages"))
                .isZero();
        assertThat(counters.calls("t1", "ReadMessages")).isEqualTo(1);
    }

    @Test
    void refusedRequests_areCountedToo() {
        http.get(Http.check("ReadMessages"), null);
        http.get(Http.check("ReadMessages"), "unknown");
        http.get(Http.features(""), "t1");
        assertThat(http.get(Http.features(""), "t1").statusCode()).isEqualTo(429);
        http.get("/nowhere", "t1");

        CallCounters counters = simulator.counters();
        assertThat(counters.total()).isEqualTo(5);
        assertThat(counters.calls(Endpoint.PERMISSION_CHECK)).isEqualTo(2);
        assertThat(counters.calls(Endpoint.FEATURES)).isEqualTo(2);
        assertThat(counters.callsWithToken("unknown")).isEqualTo(1);
        assertThat(counters.calls("unknown", "ReadMessages")).isEqualTo(1);
    }

    @Test
    void requestsOverKeepAlive_useOneConnection() {
        for (int i = 0; i < 10; i++) {
            assertThat(http.get(Http.check("ReadMessages"), "t1").statusCode()).isEqualTo(200);
        }
        assertThat(simulator.counters().connections()).isEqualTo(1);

        new Http(simulator).get(Http.check("ReadMessages"), "t1");

        assertThat(simulator.counters().connections()).isEqualTo(2);
    }

    @Test
    void reset_zeroesEveryCount() {
        http.get(Http.check("ReadMessages"), "t1");

        simulator.counters().reset();

        CallCounters counters = simulator.counters();
        assertThat(counters.total()).isZero();
        assertThat(counters.calls(Endpoint.PERMISSION_CHECK)).isZero();
        assertThat(counters.callsWithToken("t1")).isZero();
        assertThat(counters.calls("t1", "ReadMessages")).isZero();
        assertThat(counters.connections()).isZero();
    }
}
