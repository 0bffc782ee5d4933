package dev.rcguard.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rcguard.simulator.CallCounters;
import dev.rcguard.simulator.Endpoint;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo as a newcomer meets it: every documented request gets the documented answer, over real HTTP. */
class DemoTest {

    private static Demo demo;
    private static URI base;
    private static CallCounters counters;

    @BeforeAll
    static void start() throws Exception {
        demo = Demo.start(DemoOptions.simulatorOnFreePort());
        base = demo.baseUri();
        counters = demo.simulator().orElseThrow().counters();
    }

    @AfterAll
    static void stop() {
        demo.close();
    }

    private static HttpResponse<String> send(String title) throws Exception {
        DemoCase demoCase = demo.cases().stream()
                .filter(c -> c.title().equals(title))
                .findFirst()
                .orElseThrow();
        return Http.send(base, demoCase);
    }

    @Test
    void everyDocumentedRequestGetsItsDocumentedStatus() throws Exception {
        assertThat(demo.cases()).hasSize(10);
        for (DemoCase demoCase : demo.cases()) {
            assertThat(Http.send(base, demoCase).statusCode())
                    .as(demoCase.title())
                    .isEqualTo(demoCase.status());
        }
    }

    @Test
    void aliceReadsHerMessages() throws Exception {
        HttpResponse<String> response = send("JAX-RS: alice reads her messages");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Http.header(response, "Content-Type")).startsWith("application/json");
        assertThat(Http.json(response).asJsonArray()).hasSize(3);
    }

    @Test
    void bobIsRefusedMessages_withTheDeniedPermissionAndItsReason() throws Exception {
        HttpResponse<String> response = send("JAX-RS: bob lacks ReadMessages");

        assertReadMessagesDenied(response);
    }

    @Test
    void theMailboxServiceRefusesBob_throughItsOwnAnnotation_withTheSameProblem() throws Exception {
        HttpResponse<String> response = send("CDI service: the Mailbox bean refuses bob too");

        assertReadMessagesDenied(response);
    }

    private static void assertReadMessagesDenied(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(Http.header(response, "Content-Type")).isEqualTo("application/problem+json");
        assertThat(Http.header(response, "Cache-Control")).isEqualTo("no-store");
        JsonObject problem = Http.object(response);
        assertThat(problem.getString("type")).isEqualTo("urn:rcguard:permission-denied");
        assertThat(problem.getInt("status")).isEqualTo(403);
        assertThat(problem.getString("permission")).isEqualTo("ReadMessages");
        assertThat(problem.getJsonObject("reason").getString("code")).isEqualTo("InsufficientPermissions");
        assertThat(problem.getJsonObject("reason").getString("message"))
                .isEqualTo("Permission ReadMessages is not granted");
    }

    @Test
    void aliceSendsAnSms() throws Exception {
        HttpResponse<String> response = send("Feature: alice sends an SMS");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Http.header(response, "Content-Type")).startsWith("application/json");
        assertThat(Http.object(response).getString("status")).isEqualTo("Queued");
        assertThat(Http.object(response).getString("to")).isEqualTo("+15550100");
    }

    @Test
    void carolIsRefusedSms_becauseHerServicePlanLacksTheFeature() throws Exception {
        HttpResponse<String> response = send("Feature: carol's service plan has no SMSSending");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(Http.header(response, "Content-Type")).isEqualTo("application/problem+json");
        JsonObject problem = Http.object(response);
        assertThat(problem.getString("feature")).isEqualTo("SMSSending");
        assertThat(problem.getString("detail")).isEqualTo("The feature is unavailable for the current service plan");
        assertThat(problem.getJsonObject("reason").getString("code")).isEqualTo("ServicePlanLimitation");
    }

    @Test
    void aliceReadsBobsCallLog_asAnAdministratorOfAllExtensions() throws Exception {
        HttpResponse<String> response = send("Admin: alice reads bob's call log");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Http.header(response, "Content-Type")).startsWith("application/json");
        assertThat(Http.json(response).asJsonArray().getJsonObject(0).getString("extensionId"))
                .isEqualTo("400100200302");
    }

    @Test
    void bobIsRefusedAlicesCallLog_becauseHisReadCallLogCoversHimselfOnly() throws Exception {
        HttpResponse<String> response = send("Admin: bob may not read alice's call log");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(Http.header(response, "Content-Type")).isEqualTo("application/problem+json");
        JsonObject problem = Http.object(response);
        assertThat(problem.getString("permission")).isEqualTo("ReadCallLog");
        assertThat(problem.getJsonObject("reason").getString("code")).isEqualTo("InsufficientPermissions");
    }

    @Test
    void theWebXmlFilterLetsAliceSeeTheReport() throws Exception {
        HttpResponse<String> response = send("web.xml filter: alice gets the call-volume report");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Http.header(response, "Content-Type")).startsWith("application/json");
        assertThat(Http.object(response).getInt("inbound")).isEqualTo(128);
    }

    @Test
    void theWebXmlFilterAnswersDaves401_withRingCentralsExpiredTokenCode() throws Exception {
        HttpResponse<String> response = send("web.xml filter: dave's token has expired");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(Http.header(response, "WWW-Authenticate"))
                .isEqualTo("Bearer realm=\"RingCentral\", error=\"invalid_token\"");
        JsonObject problem = Http.object(response);
        assertThat(problem.getString("type")).isEqualTo("urn:rcguard:unauthenticated");
        assertThat(problem.getJsonObject("reason").getString("code")).isEqualTo("OAU-128");
        assertThat(response.body()).doesNotContain("dave-expired-token");
    }

    @Test
    void noTokenIs401_withoutAnyCallToRingCentral() throws Exception {
        long before = counters.total();

        HttpResponse<String> response = send("No token at all");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(Http.header(response, "WWW-Authenticate")).isEqualTo("Bearer realm=\"RingCentral\"");
        assertThat(Http.object(response).getString("type")).isEqualTo("urn:rcguard:unauthenticated");
        assertThat(counters.total()).isEqualTo(before);
    }

    @Test
    void oneRequestIsDecidedOnce_thoughTheJaxRsFilterAndTheInterceptorBothCheck() throws Exception {
        long before = counters.calls(Endpoint.PERMISSION_CHECK, "alice-token", "ReadMessages");
        JsonObject economyBefore = economy("alice");

        assertThat(send("JAX-RS: alice reads her messages").statusCode()).isEqualTo(200);

        // One decision for the request: a live call, or (when alice's share of her rate limit runs low after the
        // other tests' requests) her decision of a few seconds ago. The second check reuses the first's grant.
        JsonObject economyAfter = economy("alice");
        long calls = counters.calls(Endpoint.PERMISSION_CHECK, "alice-token", "ReadMessages") - before;
        long live = delta(economyBefore, economyAfter, "liveCalls");
        long reused = delta(economyBefore, economyAfter, "reusedDecisions");
        assertThat(calls).isBetween(0L, 1L).isEqualTo(live);
        assertThat(live + reused).isEqualTo(1);
        assertThat(delta(economyBefore, economyAfter, "refusedForBudget")).isZero();
    }

    private static JsonObject economy(String user) throws Exception {
        HttpResponse<String> response = Http.get(base.resolve("/demo/economy?user=" + user));
        assertThat(response.statusCode()).isEqualTo(200);
        return Http.object(response);
    }

    private static long delta(JsonObject before, JsonObject after, String name) {
        return after.getJsonNumber(name).longValue()
                - before.getJsonNumber(name).longValue();
    }

    @Test
    void theCountersEndpointShowsTheSimulatorsCallsPerUser() throws Exception {
        send("Feature: carol's service plan has no SMSSending");

        HttpResponse<String> response = Http.get(base.resolve("/demo/counters"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Http.header(response, "Content-Type")).startsWith("application/json");
        JsonObject body = Http.object(response);
        assertThat(body.getBoolean("simulated")).isTrue();
        assertThat(body.getString("ringCentral")).isEqualTo(demo.ringCentral().toString());
        assertThat(body.getJsonObject("byUser").getJsonNumber("carol").longValue())
                .isEqualTo(counters.callsWithToken("carol-token"))
                .isPositive();
        assertThat(body.getJsonNumber("total").longValue()).isPositive();
    }

    @Test
    void thePageAndItsHelpersAreServedUnprotected() throws Exception {
        HttpResponse<String> page = Http.get(base);
        HttpResponse<String> users = Http.get(base.resolve("/demo/users"));
        HttpResponse<String> cases = Http.get(base.resolve("/demo/cases"));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(Http.header(page, "Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("<script src=\"app.js\"></script>");
        assertThat(users.statusCode()).isEqualTo(200);
        assertThat(Http.json(users).asJsonArray())
                .extracting(u -> u.asJsonObject().getString("name"))
                .containsExactly("alice", "bob", "carol", "dave");
        assertThat(Http.json(cases).asJsonArray()).hasSize(demo.cases().size());
        assertThat(Http.get(base.resolve("/demo/nothing")).statusCode()).isEqualTo(404);
    }

    @Test
    void theBannerPrintsTheBaseUrlTheUsersAndACurlCommandPerRequest() {
        String banner = Banner.of(demo);

        assertThat(banner).contains("Open:        " + base);
        assertThat(banner).contains("simulator at " + demo.ringCentral());
        DemoUser.ALL.forEach(u -> assertThat(banner).contains(u.token()));
        String baseNoSlash = base.toString().substring(0, base.toString().length() - 1);
        demo.cases()
                .forEach(c -> assertThat(banner).contains(c.curl(baseNoSlash)).contains(c.expect()));
        assertThat(banner).endsWith("\nReady: open " + base + " (Ctrl-C stops it)\n");
    }
}
