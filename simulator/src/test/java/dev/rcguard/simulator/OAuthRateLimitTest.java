package dev.rcguard.simulator;

import static dev.rcguard.simulator.OAuthTokenTest.assertAuthHeaders;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OAuthRateLimitTest {
    private final ManualClock clock = new ManualClock();
    private RingCentralSimulator simulator;
    private OAuthHttp oauth;

    @BeforeEach
    void start() {
        simulator = RingCentralSimulator.builder()
                .clock(clock)
                .user(u -> u.login("alice").token("alice-fixed").grant("ReadMessages"))
                .user(u -> u.login("bob"))
                .start();
        oauth = new OAuthHttp(simulator);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void sixthTokenCallWithinAMinute_is429WithRetryAfter_andThePenaltyRestartsOnEveryCall() {
        JsonNode pair = oauth.signIn("alice"); // 1
        String refreshToken = pair.get("refresh_token").asText();
        for (int call = 2; call <= 5; call++) {
            HttpResponse<String> response = oauth.refresh(refreshToken);
            assertThat(response.statusCode()).isEqualTo(200);
            assertAuthHeaders(response, String.valueOf(5 - call));
            refreshToken = Http.json(response).get("refresh_token").asText();
        }

        HttpResponse<String> sixth = oauth.refresh(refreshToken);

        assertThat(sixth.statusCode()).isEqualTo(429);
        assertThat(sixth.body())
                .isEqualTo("{\"errorCode\":\"CMN-301\",\"message\":\"Request rate exceeded\","
                        + "\"errors\":[{\"errorCode\":\"CMN-301\",\"message\":\"Request rate exceeded\"}]}");
        assertThat(sixth.headers().firstValue("Retry-After")).hasValue("60");
        assertAuthHeaders(sixth, "0");

        clock.advance(Duration.ofSeconds(59));
        assertThat(oauth.refresh(refreshToken).statusCode()).isEqualTo(429);
        clock.advance(Duration.ofSeconds(59));
        assertThat(oauth.refresh(refreshToken).statusCode())
                .as("118 s after the first 429, but only 59 s after the last call")
                .isEqualTo(429);
        assertThat(simulator
                        .rateLimitUsage("alice-fixed", RateLimits.Group.AUTH)
                        .inPenalty())
                .isTrue();

        clock.advance(Duration.ofSeconds(60));
        HttpResponse<String> afterQuiet = oauth.refresh(refreshToken);
        assertThat(afterQuiet.statusCode())
                .as("a 429 redeems nothing: the refresh token still works")
                .isEqualTo(200);
        assertAuthHeaders(afterQuiet, "4");
        assertThat(simulator.counters().tokenCalls(OAuthGrant.REFRESH_TOKEN)).isEqualTo(8);
    }

    @Test
    void authBudget_isPerUser_andApartFromTheOtherGroups() {
        assertThat(simulator.spend("alice-fixed", RateLimits.Group.AUTH, 5)).isEqualTo(5);

        HttpResponse<String> alice = oauth.exchange(simulator.authorizationCode("alice", OAuthHttp.REDIRECT));
        HttpResponse<String> bob = oauth.exchange(simulator.authorizationCode("bob", OAuthHttp.REDIRECT));
        HttpResponse<String> light = oauth.http().get(Http.check("ReadMessages"), "alice-fixed");

        assertThat(alice.statusCode()).isEqualTo(429);
        assertThat(bob.statusCode()).isEqualTo(200);
        assertAuthHeaders(bob, "4");
        assertThat(light.statusCode()).isEqualTo(200);
        assertThat(light.headers().firstValue("X-Rate-Limit-Group")).hasValue("Light");
    }

    @Test
    void authLimit_isConfigurable_andDisabledLimitsCountNothing() {
        simulator.rateLimits(RateLimits.of(50, 40, 1, Duration.ofSeconds(60), Duration.ofSeconds(30)));
        assertThat(oauth.exchange(simulator.authorizationCode("alice", OAuthHttp.REDIRECT))
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<String> second = oauth.exchange(simulator.authorizationCode("alice", OAuthHttp.REDIRECT));
        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(second.headers().firstValue("Retry-After")).hasValue("30");
        assertThat(second.headers().firstValue("X-Rate-Limit-Limit")).hasValue("1");

        simulator.rateLimits(RateLimits.disabled());
        for (int i = 0; i < 7; i++) {
            HttpResponse<String> response = oauth.exchange(simulator.authorizationCode("alice", OAuthHttp.REDIRECT));
            assertThat(response.statusCode()).isEqualTo(200);
            assertAuthHeaders(response, "5");
        }
    }
}
