package dev.rcguard.simulator;

import static dev.rcguard.simulator.PermissionCheckTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rcguard.simulator.RateLimits.Group;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Rate limits per RingCentral user (account and extension) and group, whatever token or endpoint spends them.
 * User A holds tokens {@code a1} and {@code a2}; B holds {@code b1}; C holds {@code c1} in another account with
 * A's extension id. Every test moves a {@link ManualClock}; none sleeps.
 */
class UserRateLimitTest {
    private static final String A_EXTENSION = "400100200301";

    private final ManualClock clock = new ManualClock();
    private RingCentralSimulator simulator;
    private Http http;

    private void start(RateLimits limits) {
        simulator = RingCentralSimulator.builder()
                .rateLimits(limits)
                .clock(clock)
                .user(u -> u.token("a1").token("a2").grant("ReadMessages").feature("SMSSending", true))
                .user(u -> u.token("b1").grant("ReadMessages"))
                .user(u ->
                        u.token("c1").accountId("999").extensionId(A_EXTENSION).grant("ReadMessages"))
                .start();
        http = new Http(simulator);
        assertThat(simulator.user("a1").extensionId()).isEqualTo(A_EXTENSION);
    }

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void twoTokensOfOneUser_shareOneBudget_andBothGet429OnceItIsSpent() {
        start(RateLimits.of(3, 3, Duration.ofSeconds(60), Duration.ofSeconds(60)));

        assertHeaders(check("a1"), "Light", 3, 2);
        assertHeaders(check("a2"), "Light", 3, 1);
        assertHeaders(check("a1"), "Light", 3, 0);

        HttpResponse<String> a2 = check("a2");
        assertError(a2, 429, "CMN-301", "Request rate exceeded");
        assertThat(a2.headers().firstValue("Retry-After")).hasValue("60");
        assertHeaders(a2, "Light", 3, 0);
        assertError(check("a1"), 429, "CMN-301", "Request rate exceeded");
        assertThat(simulator.rateLimitUsage("a1", Group.LIGHT)).isEqualTo(simulator.rateLimitUsage("a2", Group.LIGHT));
    }

    @Test
    void otherUsers_keepTheirOwnBudget_evenWithTheSameExtensionIdInAnotherAccount() {
        start(RateLimits.of(2, 2, Duration.ofSeconds(60), Duration.ofSeconds(60)));
        check("a1");
        check("a2");
        assertThat(check("a1").statusCode()).isEqualTo(429);

        assertHeaders(check("b1"), "Light", 2, 1);
        assertHeaders(check("c1"), "Light", 2, 1);
        assertThat(simulator.rateLimitUsage("b1", Group.LIGHT).spent()).isEqualTo(1);
        assertThat(simulator.rateLimitUsage("c1", Group.LIGHT).inPenalty()).isFalse();
        assertThat(simulator.rateLimitUsage("a1", Group.LIGHT).inPenalty()).isTrue();
    }

    @Test
    void featuresAndAuthzProfileCalls_addUpInMedium_whileChecksCountInLight() {
        start(RateLimits.of(5, 3, Duration.ofSeconds(60), Duration.ofSeconds(60)));

        assertHeaders(http.get(Http.features("featureId=SMSSending"), "a1"), "Medium", 3, 2);
        assertHeaders(http.get(Http.profile(), "a2"), "Medium", 3, 1);
        assertHeaders(check("a1"), "Light", 5, 4);
        assertHeaders(http.get(Http.features(""), "a2"), "Medium", 3, 0);

        assertThat(http.get(Http.profile(), "a1").statusCode()).isEqualTo(429);
        assertThat(http.get(Http.features(""), "a2").statusCode()).isEqualTo(429);
        assertHeaders(check("a2"), "Light", 5, 3);
        assertThat(simulator.rateLimitUsage("a1", Group.MEDIUM).spent()).isEqualTo(3);
        assertThat(simulator.rateLimitUsage("a1", Group.MEDIUM).inPenalty()).isTrue();
        assertThat(simulator.rateLimitUsage("a1", Group.LIGHT).spent()).isEqualTo(2);
    }

    @Test
    void headersStayExact_afterMixedCallsOfTokensEndpointsAndTheApplication() {
        start(RateLimits.of(10, 4, Duration.ofSeconds(60), Duration.ofSeconds(60)));

        assertHeaders(check("a1"), "Light", 10, 9);
        assertHeaders(http.get(Http.messageStore(), "a2"), "Light", 10, 8);
        assertThat(simulator.spend("a1", Group.LIGHT, 3)).isEqualTo(3);
        assertHeaders(http.get(Http.features(""), "a2"), "Medium", 4, 3);
        // answers after the rate limit spend like any other: a bad query (400), another account (404)
        HttpResponse<String> badQuery = http.get(Http.OWN + "/authz-profile/check?permissionId=a-b", "a1");
        assertThat(badQuery.statusCode()).isEqualTo(400);
        assertHeaders(badQuery, "Light", 10, 4);
        HttpResponse<String> otherAccount =
                http.get("/restapi/v1.0/account/123/extension/~/authz-profile/check?permissionId=X", "a2");
        assertThat(otherAccount.statusCode()).isEqualTo(404);
        assertHeaders(otherAccount, "Light", 10, 3);
        assertHeaders(check("b1"), "Light", 10, 9);
        assertHeaders(http.get(Http.profile(), "a1"), "Medium", 4, 2);
        assertHeaders(check("a2"), "Light", 10, 2);

        RateLimitUsage light = simulator.rateLimitUsage("a1", Group.LIGHT);
        assertThat(light.spent()).isEqualTo(8);
        assertThat(light.remaining()).isEqualTo(2);
        assertThat(light.limit()).isEqualTo(10);
        assertThat(light.windowEnds()).hasValue(clock.instant().plus(Duration.ofSeconds(60)));
        assertThat(light.penaltyEnds()).isEmpty();
    }

    @Test
    void unauthenticatedRequests_spendNothing() {
        start(RateLimits.of(2, 2, Duration.ofSeconds(60), Duration.ofSeconds(60)));
        check("a1");
        simulator.expireToken("a2");

        HttpResponse<String> expired = check("a2");
        assertThat(expired.statusCode()).isEqualTo(401);
        assertHeaders(expired, "Light", 2, 2); // as before: a 401 shows nothing used, it names no user
        assertThat(check("unknown").statusCode()).isEqualTo(401);
        assertThat(http.get(Http.check("ReadMessages"), null).statusCode()).isEqualTo(401);

        assertThat(simulator.rateLimitUsage("a1", Group.LIGHT).spent()).isEqualTo(1);
        assertHeaders(check("a1"), "Light", 2, 0);
    }

    @Test
    void everyCallDuringThePenalty_restartsIt_forEveryTokenOfTheUser() {
        start(RateLimits.of(1, 1, Duration.ofSeconds(60), Duration.ofSeconds(10)));
        Instant start = clock.instant();
        assertThat(check("a1").statusCode()).isEqualTo(200);
        assertThat(check("a2").statusCode()).isEqualTo(429);
        assertThat(simulator.rateLimitUsage("a1", Group.LIGHT).penaltyEnds()).hasValue(start.plusSeconds(10));

        clock.advance(Duration.ofSeconds(9));
        assertThat(check("a1").statusCode()).isEqualTo(429);
        assertThat(simulator.rateLimitUsage("a2", Group.LIGHT).penaltyEnds()).hasValue(start.plusSeconds(19));
        clock.advance(Duration.ofSeconds(9));
        assertThat(simulator.spend("a2", Group.LIGHT, 1))
                .as("the application's own call")
                .isZero();
        assertThat(simulator.rateLimitUsage("a1", Group.LIGHT).penaltyEnds()).hasValue(start.plusSeconds(28));
        assertThat(check("b1").statusCode()).as("another user").isEqualTo(200);
        assertThat(http.get(Http.profile(), "a1").statusCode())
                .as("another group")
                .isEqualTo(200);

        clock.advance(Duration.ofSeconds(9));
        assertThat(http.get(Http.messageStore(), "a1").statusCode()).isEqualTo(429);
        clock.advance(Duration.ofSeconds(10));
        assertThat(simulator.rateLimitUsage("a1", Group.LIGHT).inPenalty()).isFalse();
        assertThat(simulator.rateLimitUsage("a1", Group.LIGHT).spent()).isZero();
        assertHeaders(check("a2"), "Light", 1, 0);
    }

    @Test
    void applicationSpend_countsAgainstTheSameBudget() {
        start(RateLimits.of(5, 5, Duration.ofSeconds(60), Duration.ofSeconds(30)));

        assertThat(simulator.spend("a1", Group.LIGHT, 3)).isEqualTo(3);
        assertHeaders(check("a2"), "Light", 5, 1);
        assertThat(simulator.rateLimitUsage("a2", Group.LIGHT).spent()).isEqualTo(4);

        assertThat(simulator.spend("a2", Group.LIGHT, 4))
                .as("one left, three refused")
                .isEqualTo(1);
        RateLimitUsage usage = simulator.rateLimitUsage("a1", Group.LIGHT);
        assertThat(usage.spent()).isEqualTo(5);
        assertThat(usage.remaining()).isZero();
        assertThat(usage.penaltyEnds()).hasValue(clock.instant().plusSeconds(30));
        assertThat(usage.windowEnds()).isEmpty();
        assertThat(check("a1").statusCode()).isEqualTo(429);
        assertThat(simulator.rateLimitUsage("a1", Group.MEDIUM).spent()).isZero();
        assertThat(simulator.rateLimitUsage("b1", Group.LIGHT).spent()).isZero();

        assertThatThrownBy(() -> simulator.spend("a1", Group.LIGHT, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> simulator.spend("nobody", Group.LIGHT, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void applicationSpend_byAnExpiredToken_stillSpendsTheUsersBudget() {
        start(RateLimits.of(5, 5, Duration.ofSeconds(60), Duration.ofSeconds(30)));
        simulator.expireToken("a2");

        assertThat(simulator.spend("a2", Group.MEDIUM, 2)).isEqualTo(2);

        assertHeaders(http.get(Http.features(""), "a1"), "Medium", 5, 2);
    }

    @Test
    void newWindow_restoresTheWholeBudget() {
        start(RateLimits.of(2, 2, Duration.ofSeconds(60), Duration.ofSeconds(60)));
        check("a1");
        simulator.spend("a2", Group.LIGHT, 1);

        clock.advance(Duration.ofSeconds(59));
        assertThat(simulator.rateLimitUsage("a1", Group.LIGHT).remaining()).isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(simulator.rateLimitUsage("a1", Group.LIGHT).remaining()).isEqualTo(2);
        assertHeaders(check("a2"), "Light", 2, 1);
    }

    @Test
    void disabledLimits_countNothing() {
        start(RateLimits.disabled());

        assertThat(simulator.spend("a1", Group.LIGHT, 500)).isEqualTo(500);
        assertHeaders(check("a2"), "Light", 50, 50);
        assertThat(simulator.rateLimitUsage("a1", Group.LIGHT).spent()).isZero();
        assertThat(simulator.rateLimitWindows()).isZero();
    }

    @Test
    void windowsOfUsersNotSeenForAWhile_areForgotten_butNotAPenaltyThatStillRuns() {
        start(RateLimits.of(1, 5, Duration.ofSeconds(10), Duration.ofSeconds(60)));
        Instant start = clock.instant();
        for (int i = 0; i < 40; i++) {
            String token = "idle-" + i;
            simulator.addUser(u -> u.token(token));
            simulator.spend(token, Group.MEDIUM, 1);
        }
        check("a1");
        assertThat(check("a2").statusCode()).isEqualTo(429);
        assertThat(simulator.rateLimitWindows()).isEqualTo(41);

        clock.advance(Duration.ofSeconds(50));
        assertThat(check("a1").statusCode())
                .as("restarts the penalty until +110 s")
                .isEqualTo(429);
        assertThat(simulator.rateLimitWindows())
                .as("no sweep before max(window, penalty)")
                .isEqualTo(41);

        clock.advance(Duration.ofSeconds(11));
        simulator.spend("b1", Group.LIGHT, 1);

        assertThat(simulator.rateLimitWindows())
                .as("a's running penalty and b1's new window")
                .isEqualTo(2);
        assertThat(simulator.rateLimitUsage("a1", Group.LIGHT).penaltyEnds()).hasValue(start.plusSeconds(110));
        assertThat(simulator.rateLimitUsage("idle-0", Group.MEDIUM).spent()).isZero();
    }

    @Test
    void concurrentRequestsOfTwoTokens_neverSpendMoreThanTheBudget() throws Exception {
        int limit = 20;
        start(RateLimits.of(limit, limit, Duration.ofSeconds(60), Duration.ofSeconds(60)));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 2 * limit; i++) {
                String token = i % 2 == 0 ? "a1" : "a2";
                answers.add(pool.submit(() -> check(token)));
            }
            List<Integer> remaining = new ArrayList<>();
            int refused = 0;
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get(30, TimeUnit.SECONDS);
                if (response.statusCode() == 429) {
                    refused++;
                } else {
                    assertThat(response.statusCode()).isEqualTo(200);
                    remaining.add(Integer.parseInt(response.headers()
                            .firstValue("X-Rate-Limit-Remaining")
                            .orElseThrow()));
                }
            }
            assertThat(refused).isEqualTo(limit);
            assertThat(remaining)
                    .as("each allowed answer shows a distinct remainder")
                    .containsExactlyInAnyOrderElementsOf(
                            IntStream.range(0, limit).boxed().toList());
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    private HttpResponse<String> check(String token) {
        return http.get(Http.check("ReadMessages"), token);
    }

    private static void assertHeaders(HttpResponse<String> response, String group, int limit, int remaining) {
        assertThat(response.headers().firstValue("X-Rate-Limit-Group")).hasValue(group);
        assertThat(response.headers().firstValue("X-Rate-Limit-Limit")).hasValue(String.valueOf(limit));
        assertThat(response.headers().firstValue("X-Rate-Limit-Remaining")).hasValue(String.valueOf(remaining));
        assertThat(response.headers().firstValue("X-Rate-Limit-Window")).hasValue("60");
    }
}
