package dev.rcguard.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rcguard.simulator.RateLimitUsage;
import dev.rcguard.simulator.RateLimits;
import dev.rcguard.simulator.RingCentralSimulator;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /demo/economy} and what it shows of the guard's rate-limit economy under a burst, over real HTTP against a
 * demo of its own. Each test has a user of its own (alice bursts, carol asks distinct ids, bob is only looked at), so
 * their budgets do not depend on the order the tests run in; the guard-wide counters are compared before and after.
 */
class DemoEconomyTest {

    /** RingCentral's default Light limit, and the guard's bucket for it with the default share of one half. */
    private static final int LIGHT_LIMIT = 50;

    private static final int LIGHT_BURST = 5;
    private static final long LIGHT_REFILL_MILLIS = 3_000; // (25 - 5) calls per 60 s

    private static Demo demo;
    private static URI base;
    private static RingCentralSimulator simulator;

    @BeforeAll
    static void start() throws Exception {
        demo = Demo.start(DemoOptions.simulatorOnFreePort());
        base = demo.baseUri();
        simulator = demo.simulator().orElseThrow();
    }

    @AfterAll
    static void stop() {
        demo.close();
    }

    private static JsonObject economy(String user) throws Exception {
        HttpResponse<String> response = Http.get(base.resolve("/demo/economy?user=" + user));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Http.object(response);
    }

    private static long number(JsonObject object, String name) {
        return object.getJsonNumber(name).longValue();
    }

    @Test
    void theEndpointShowsTheGuardsCountersAndTheUsersBudgetPerGroup_asRingCentralAndTheGuardSeeIt() throws Exception {
        HttpResponse<String> response = Http.get(base.resolve("/demo/economy?user=bob"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Http.header(response, "Content-Type")).startsWith("application/json");
        assertThat(Http.header(response, "Cache-Control")).isEqualTo("no-store");
        assertThat(response.body()).doesNotContain("-token");
        JsonObject body = Http.object(response);
        assertThat(body.keySet())
                .containsExactly(
                        "user",
                        "liveCalls",
                        "reusedDecisions",
                        "refusedForBudget",
                        "rateLimitedAnswers",
                        "ringCentralCalls",
                        "share",
                        "maxDecisionAgeMs",
                        "groups");
        assertThat(body.getString("user")).isEqualTo("bob");
        assertThat(number(body, "liveCalls")).isNotNegative();
        assertThat(number(body, "reusedDecisions")).isNotNegative();
        assertThat(number(body, "refusedForBudget")).isNotNegative();
        assertThat(number(body, "rateLimitedAnswers")).isZero();
        assertThat(number(body, "ringCentralCalls")).isZero();
        assertThat(body.getJsonNumber("share").doubleValue()).isEqualTo(0.5);
        assertThat(number(body, "maxDecisionAgeMs")).isEqualTo(10_000);
        JsonObject groups = body.getJsonObject("groups");
        assertThat(groups.keySet()).containsExactly("Light", "Medium");
        // bob has sent nothing: RingCentral's full limits, and a full bucket the guard has not needed to keep yet
        assertUntouched(groups.getJsonObject("Light"), LIGHT_LIMIT, LIGHT_BURST);
        assertUntouched(groups.getJsonObject("Medium"), 40, 4);
    }

    private static void assertUntouched(JsonObject group, int limit, int burst) {
        JsonObject ringCentral = group.getJsonObject("ringCentral");
        assertThat(ringCentral.keySet()).containsExactly("limit", "spent", "remaining", "inPenalty");
        assertThat(ringCentral.getInt("limit")).isEqualTo(limit);
        assertThat(ringCentral.getInt("spent")).isZero();
        assertThat(ringCentral.getInt("remaining")).isEqualTo(limit);
        assertThat(ringCentral.getBoolean("inPenalty")).isFalse();
        JsonObject guard = group.getJsonObject("guard");
        assertThat(guard.keySet()).containsExactly("known", "tokens", "remainingSeen", "inPenalty");
        assertThat(guard.getBoolean("known")).isFalse();
        assertThat(guard.getJsonNumber("tokens").doubleValue()).isEqualTo(burst);
        assertThat(guard.getInt("remainingSeen")).isEqualTo(-1);
        assertThat(guard.getBoolean("inPenalty")).isFalse();
    }

    @Test
    void anUnknownOrMissingUserIs400ProblemJson_naming_theDemoUsers() throws Exception {
        for (String query : List.of("?user=zed", "", "?user=", "?user=Alice", "?user=alice-token", "?name=alice")) {
            HttpResponse<String> response = Http.get(base.resolve("/demo/economy" + query));

            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(Http.header(response, "Content-Type")).as(query).startsWith("application/problem+json");
            assertThat(Http.header(response, "Cache-Control")).as(query).isEqualTo("no-store");
            JsonObject problem = Http.object(response);
            assertThat(problem.getString("type")).isEqualTo("about:blank");
            assertThat(problem.getString("title")).isEqualTo("Bad Request");
            assertThat(problem.getInt("status")).isEqualTo(400);
            assertThat(problem.getString("detail")).as(query).endsWith("; one of: alice, bob, carol, dave");
            assertThat(response.body()).doesNotContain("-token");
        }
        assertThat(Http.object(Http.get(base.resolve("/demo/economy?user="))).getString("detail"))
                .startsWith("The parameter user is missing");
        assertThat(Http.object(Http.get(base.resolve("/demo/economy?user=zed"))).getString("detail"))
                .startsWith("No such demo user");
    }

    @Test
    void aBurstOfFortyRequestsForOneUser_costsAFewCalls_reusesTheRest_andRingCentralNeverAnswers429() throws Exception {
        JsonObject before = economy("alice");
        long aliceCallsBefore = simulator.counters().callsWithToken("alice-token");

        List<Integer> statuses = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < 40; i++) {
            statuses.add(Http.get(base.resolve("/api/messages"), "alice-token").statusCode());
        }
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        JsonObject after = economy("alice");

        assertThat(statuses).hasSize(40).containsOnly(200);
        long calls = number(after, "liveCalls") - number(before, "liveCalls");
        long reused = number(after, "reusedDecisions") - number(before, "reusedDecisions");
        // the guard's share: a burst of 5, then one call every 3 s (it keeps 2 for checks with nothing to reuse)
        assertThat(calls).isBetween(1L, LIGHT_BURST + elapsedMillis / LIGHT_REFILL_MILLIS + 1);
        assertThat(reused).isEqualTo(40 - calls);
        assertThat(number(after, "refusedForBudget")).isEqualTo(number(before, "refusedForBudget"));
        assertThat(number(after, "rateLimitedAnswers")).isZero();
        assertThat(simulator.counters().callsWithToken("alice-token")).isEqualTo(aliceCallsBefore + calls);
        assertThat(number(after, "ringCentralCalls")).isEqualTo(aliceCallsBefore + calls);

        RateLimitUsage light = simulator.rateLimitUsage("alice-token", RateLimits.Group.LIGHT);
        assertThat(light.inPenalty()).isFalse();
        assertThat(light.remaining()).isGreaterThanOrEqualTo(25);
        JsonObject shown = after.getJsonObject("groups").getJsonObject("Light");
        assertThat(shown.getJsonObject("ringCentral").getInt("remaining")).isEqualTo(light.remaining());
        assertThat(shown.getJsonObject("ringCentral").getInt("spent")).isEqualTo(light.spent());
        assertThat(shown.getJsonObject("ringCentral").getBoolean("inPenalty")).isFalse();
        JsonObject guard = shown.getJsonObject("guard");
        assertThat(guard.getBoolean("known")).isTrue();
        assertThat(guard.getInt("remainingSeen")).isEqualTo(light.remaining());
        assertThat(guard.getJsonNumber("tokens").doubleValue()).isBetween(0.0, (double) LIGHT_BURST);
        assertThat(guard.getBoolean("inPenalty")).isFalse();
    }

    @Test
    void distinctIdsBeyondTheBurst_are503WithRetryAfter_withoutACall_andTheEndpointCountsThem() throws Exception {
        JsonObject before = economy("carol");
        long carolCallsBefore = simulator.counters().callsWithToken("carol-token");

        List<HttpResponse<String>> responses = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < 12; i++) { // twelve other extensions: twelve ids, none of them decided before
            responses.add(Http.get(base.resolve("/api/extensions/4001002009" + (10 + i) + "/call-log"), "carol-token"));
        }
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        JsonObject after = economy("carol");

        List<HttpResponse<String>> answered =
                responses.stream().filter(r -> r.statusCode() != 503).toList();
        List<HttpResponse<String>> refused =
                responses.stream().filter(r -> r.statusCode() == 503).toList();
        // carol's ReadCallLog covers her own extension only: RingCentral denies the others, while the share lasts
        assertThat(answered).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(403));
        assertThat((long) answered.size())
                .isBetween((long) LIGHT_BURST, LIGHT_BURST + elapsedMillis / LIGHT_REFILL_MILLIS);
        assertThat(refused).isNotEmpty().allSatisfy(r -> {
            assertThat(Http.header(r, "Content-Type")).isEqualTo("application/problem+json");
            assertThat(Long.parseLong(Http.header(r, "Retry-After"))).isBetween(1L, 60L);
            JsonObject problem = Http.object(r);
            assertThat(problem.getString("type")).isEqualTo("urn:rcguard:unavailable");
            assertThat(problem.getInt("status")).isEqualTo(503);
            assertThat(problem.getJsonObject("reason").getString("code")).isEqualTo("BudgetSpent");
        });
        assertThat(responses.subList(0, answered.size())).isEqualTo(answered); // the refusals come last

        assertThat(number(after, "liveCalls") - number(before, "liveCalls")).isEqualTo(answered.size());
        assertThat(number(after, "refusedForBudget") - number(before, "refusedForBudget"))
                .isEqualTo(refused.size());
        assertThat(number(after, "rateLimitedAnswers")).isZero();
        assertThat(simulator.counters().callsWithToken("carol-token")).isEqualTo(carolCallsBefore + answered.size());
        JsonObject light = after.getJsonObject("groups").getJsonObject("Light");
        assertThat(light.getJsonObject("ringCentral").getInt("remaining"))
                .isEqualTo(LIGHT_LIMIT - answered.size())
                .isGreaterThanOrEqualTo(25);
        assertThat(light.getJsonObject("guard").getJsonNumber("tokens").doubleValue())
                .isLessThan(1.0);
    }
}
