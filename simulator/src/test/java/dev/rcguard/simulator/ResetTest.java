package dev.rcguard.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link RingCentralSimulator#reset()}: back to a simulator just started with no users, on the same port. */
class ResetTest {
    private RingCentralSimulator simulator;
    private Http http;

    @BeforeEach
    void start() {
        simulator = RingCentralSimulator.builder()
                .rateLimits(RateLimits.of(1, 1, Duration.ofSeconds(60), Duration.ofSeconds(60)))
                .user(u -> u.token("t1").login("alice").grant("ReadMessages"))
                .start();
        http = new Http(simulator);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void forgetsEveryUser_soTheirTokensAreUnknown() {
        int port = simulator.port();

        simulator.reset();

        HttpResponse<String> response = http.get(Http.check("ReadMessages"), "t1");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(Http.json(response).at("/errors/0/errorCode").asText()).isEqualTo("OAU-213");
        assertThat(simulator.port()).isEqualTo(port);
    }

    @Test
    void usersAddedAfterwards_startAtTheFirstExtensionIdAgain_andMayReuseTokensAndLogins() {
        simulator.addUser(u -> u.token("t2"));

        simulator.reset();
        SimulatedUser again =
                simulator.addUser(u -> u.token("t1").login("alice").grant("ReadMessages"));

        assertThat(again.extensionId()).isEqualTo("400100200301");
        assertThat(Http.json(http.get(Http.check("ReadMessages"), "t1"))
                        .get("successful")
                        .asBoolean())
                .isTrue();
        assertThat(simulator.userByLogin("alice")).isSameAs(again);
    }

    @Test
    void forgetsFaultsCountsAndRateLimitWindows() {
        simulator.inject(Endpoint.PERMISSION_CHECK, Fault.serviceUnavailable());
        assertThat(http.get(Http.check("ReadMessages"), "t1").statusCode()).isEqualTo(503);
        simulator.clearFaults();
        assertThat(http.get(Http.check("ReadMessages"), "t1").statusCode()).isEqualTo(200);
        assertThat(http.get(Http.check("ReadMessages"), "t1").statusCode()).isEqualTo(429);
        simulator.inject(Endpoint.PERMISSION_CHECK, Fault.serviceUnavailable());

        simulator.reset();
        simulator.addUser(u -> u.token("t1").grant("ReadMessages"));

        assertThat(simulator.counters().total()).isZero();
        assertThat(simulator.counters().connections()).isZero();
        HttpResponse<String> response = http.get(Http.check("ReadMessages"), "t1");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Rate-Limit-Remaining")).hasValue("0");
        assertThat(simulator.counters().calls(Endpoint.PERMISSION_CHECK, "t1", "ReadMessages"))
                .isEqualTo(1);
    }

    @Test
    void putsTheBuildersRateLimitsAndLatencyBack() {
        simulator.rateLimits(RateLimits.disabled());
        simulator.defaultLatency(Duration.ofSeconds(30));

        simulator.reset();
        simulator.addUser(u -> u.token("t1").grant("ReadMessages"));

        // 5 s to answer: with the 30 s latency still in force the request would time out and the test fail
        HttpResponse<String> first = http.send(http.request(Http.check("ReadMessages"))
                .timeout(Duration.ofSeconds(5))
                .header("Authorization", "Bearer t1")
                .build());
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("X-Rate-Limit-Limit")).hasValue("1");
        assertThat(http.get(Http.check("ReadMessages"), "t1").statusCode()).isEqualTo(429);
    }

    @Test
    void forgetsRefreshTokensAndTheirAccessTokens() {
        OAuthHttp oauth = new OAuthHttp(simulator);
        var pair = oauth.signIn("alice");

        simulator.reset();
        simulator.addUser(u -> u.login("alice").grant("ReadMessages"));

        HttpResponse<String> refresh = oauth.refresh(pair.get("refresh_token").asText());
        assertThat(refresh.statusCode()).isEqualTo(400);
        assertThat(Http.json(refresh).get("error").asText()).isEqualTo("invalid_grant");
        assertThat(http.get(Http.check("ReadMessages"), pair.get("access_token").asText())
                        .statusCode())
                .isEqualTo(401);
    }
}
