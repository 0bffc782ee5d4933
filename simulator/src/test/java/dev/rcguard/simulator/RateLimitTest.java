package dev.rcguard.simulator;

import static dev.rcguard.simulator.PermissionCheckTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RateLimitTest {
    private final ManualClock clock = new ManualClock();
    private RingCentralSimulator simulator;
    private Http http;

    private void start(RateLimits limits) {
        simulator = RingCentralSimulator.builder()
                .rateLimits(limits)
                .clock(clock)
                .user(u -> u.token("t1").grant("ReadMessages").feature("SMSSending", true))
                .user(u -> u.token("t2").grant("ReadMessages"))
                .start();
        http = new Http(simulator);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void everyAnswer_carriesItsGroupsRateLimitHeaders() {
        start(RateLimits.of(3, 2, Duration.ofSeconds(60), Duration.ofSeconds(60)));

        HttpResponse<String> check = http.get(Http.check("ReadMessages"), "t1");
        HttpResponse<String> features = http.get(Http.features(""), "t1");

        assertRateLimitHeaders(check, "Light", "3", "2", "60");
        assertRateLimitHeaders(features, "Medium", "2", "1", "60");
    }

    @Test
    void requestOverTheLimit_is429WithRetryAfterAndCmn301() {
        start(RateLimits.of(2, 2, Duration.ofSeconds(60), Duration.ofSeconds(30)));
        http.get(Http.check("ReadMessages"), "t1");
        http.get(Http.check("ReadMessages"), "t1");

        HttpResponse<String> response = http.get(Http.check("ReadMessages"), "t1");

        assertError(response, 429, "CMN-301", "Request rate exceeded");
        assertThat(Http.json(response).toString())
                .isEqualTo("{\"errorCode\":\"CMN-301\",\"message\":\"Request rate exceeded\","
                        + "\"errors\":[{\"errorCode\":\"CMN-301\",\"message\":\"Request rate exceeded\"}]}");
        assertThat(response.headers().firstValue("Retry-After")).hasValue("30");
        assertRateLimitHeaders(response, "Light", "2", "0", "60");
    }

    @Test
    void requestDuringThePenalty_restartsIt() {
        start(RateLimits.of(1, 1, Duration.ofSeconds(60), Duration.ofSeconds(10)));
        assertThat(http.get(Http.check("ReadMessages"), "t1").statusCode()).isEqualTo(200);
        assertThat(http.get(Http.check("ReadMessages"), "t1").statusCode()).isEqualTo(429);

        clock.advance(Duration.ofSeconds(9));
        assertThat(http.get(Http.check("ReadMessages"), "t1").statusCode()).isEqualTo(429);
        clock.advance(Duration.ofSeconds(9));
        assertThat(http.get(Http.check("ReadMessages"), "t1").statusCode())
                .as("18 s after the first 429, but only 9 s after the last request")
                .isEqualTo(429);

        clock.advance(Duration.ofSeconds(10));
        HttpResponse<String> afterQuiet = http.get(Http.check("ReadMessages"), "t1");
        assertThat(afterQuiet.statusCode()).isEqualTo(200);
        assertThat(afterQuiet.headers().firstValue("X-Rate-Limit-Remaining")).hasValue("0");
    }

    @Test
    void newWindow_restoresTheLimit() {
        start(RateLimits.of(1, 1, Duration.ofSeconds(60), Duration.ofSeconds(60)));
        assertThat(http.get(Http.check("ReadMessages"), "t1").statusCode()).isEqualTo(200);

        clock.advance(Duration.ofSeconds(60));

        assertThat(http.get(Http.check("ReadMessages"), "t1").statusCode()).isEqualTo(200);
    }

    @Test
    void limitsApplyPerUserAndPerGroup() {
        start(RateLimits.of(1, 1, Duration.ofSeconds(60), Duration.ofSeconds(60)));
        http.get(Http.check("ReadMessages"), "t1");
        assertThat(http.get(Http.check("ReadMessages"), "t1").statusCode()).isEqualTo(429);

        assertThat(http.get(Http.features(""), "t1").statusCode()).isEqualTo(200);
        assertThat(http.get(Http.check("ReadMessages"), "t2").statusCode()).isEqualTo(200);
    }

    @Test
    void disabledLimits_neverRefuse_andShowNothingUsed() {
        start(RateLimits.disabled());

        for (int i = 0; i < 60; i++) {
            HttpResponse<String> response = http.get(Http.check("ReadMessages"), "t1");
            assertThat(response.statusCode()).isEqualTo(200);
            assertRateLimitHeaders(response, "Light", "50", "50", "60");
        }
    }

    @Test
    void limitsChangedAtRunTime_applyToTheNextRequest() {
        start(RateLimits.disabled());
        simulator.rateLimits(RateLimits.of(1, 1, Duration.ofSeconds(60), Duration.ofSeconds(60)));

        assertThat(http.get(Http.check("ReadMessages"), "t1").statusCode()).isEqualTo(200);
        assertThat(http.get(Http.check("ReadMessages"), "t1").statusCode()).isEqualTo(429);

        simulator.resetRateLimits();
        assertThat(http.get(Http.check("ReadMessages"), "t1").statusCode()).isEqualTo(200);
    }

    @Test
    void penaltyOnTheRealClock_endsAfterRetryAfter() throws InterruptedException {
        simulator = RingCentralSimulator.builder()
                .rateLimits(RateLimits.of(1, 1, Duration.ofSeconds(60), Duration.ofSeconds(1)))
                .user(u -> u.token("t1").grant("ReadMessages"))
                .start();
        http = new Http(simulator);
        http.get(Http.check("ReadMessages"), "t1");
        HttpResponse<String> refused = http.get(Http.check("ReadMessages"), "t1");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");

        Thread.sleep(1_200);

        assertThat(http.get(Http.check("ReadMessages"), "t1").statusCode()).isEqualTo(200);
    }

    private static void assertRateLimitHeaders(
            HttpResponse<String> response, String group, String limit, String remaining, String window) {
        assertThat(response.headers().firstValue("X-Rate-Limit-Group")).hasValue(group);
        assertThat(response.headers().firstValue("X-Rate-Limit-Limit")).hasValue(limit);
        assertThat(response.headers().firstValue("X-Rate-Limit-Remaining")).hasValue(remaining);
        assertThat(response.headers().firstValue("X-Rate-Limit-Window")).hasValue(window);
    }
}
