package dev.rcguard.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rcguard.simulator.CallCounters;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /demo/numbers}, the page's live numbers, over real HTTP against a demo of its own: a known sequence of
 * requests (a denial, no token, a rejected token, a grant, and the same request again until the guard answers it from
 * alice's decision of a moment ago) gives exactly the numbers it should, after each request. The checks come from the
 * demo's {@code PermissionCheckListener}, the calls from the guard's economy and the simulator's counter. The
 * application at {@code /session} counts its own.
 */
class DemoNumbersTest {

    private static final Pattern LATENCY = Pattern.compile(
            "\"latencyMs\":\\{\"checks\":(\\d+),\"p50\":(\\d+\\.\\d+),\"p95\":(\\d+\\.\\d+),\"max\":(\\d+\\.\\d+)},"
                    + "\"upstreamMs\":\\{\"calls\":(\\d+),\"mean\":(\\d+\\.\\d+),\"max\":(\\d+\\.\\d+)}}");

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

    /** The numbers' JSON up to the latency, which only the clock decides. */
    private static String counts(
            String application,
            long checks,
            long granted,
            long denied,
            long unauthenticated,
            long needed,
            long made,
            long saved,
            long reused) {
        return "{\"application\":\"" + application + "\",\"checks\":" + checks
                + ",\"outcomes\":{\"granted\":" + granted + ",\"denied\":" + denied + ",\"unauthenticated\":"
                + unauthenticated + ",\"unavailable\":0},\"wouldRefuse\":0"
                + ",\"calls\":{\"needed\":" + needed + ",\"made\":" + made + ",\"saved\":" + saved
                + ",\"reusedDecisions\":" + reused + ",\"refusedForBudget\":0},";
    }

    private static HttpResponse<String> numbers(String application) throws Exception {
        HttpResponse<String> response =
                Http.get(base.resolve((application.equals("/") ? "" : application) + "/demo/numbers"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(Http.header(response, "Content-Type")).isEqualTo("application/json;charset=utf-8");
        assertThat(Http.header(response, "Cache-Control")).isEqualTo("no-store");
        return response;
    }

    /** Asserts the counts exactly, and that the latency covers every check: p50 ≤ p95 ≤ max. */
    private static void assertNumbers(String application, String counts, long checks) throws Exception {
        String body = numbers(application).body();
        assertThat(body).startsWith(counts);
        Matcher latency = LATENCY.matcher(body.substring(counts.length()));
        assertThat(latency.matches()).as(body).isTrue();
        assertThat(Long.parseLong(latency.group(1))).isEqualTo(checks);
        double p50 = Double.parseDouble(latency.group(2));
        double p95 = Double.parseDouble(latency.group(3));
        double max = Double.parseDouble(latency.group(4));
        assertThat(p50).isLessThanOrEqualTo(p95);
        assertThat(p95).isLessThanOrEqualTo(max);
        assertThat(max).isLessThan(30_000.0); // a check's deadline is far below
        Matcher made = MADE.matcher(counts);
        assertThat(made.find()).isTrue();
        assertThat(Long.parseLong(latency.group(5)))
                .as("every call made has ended")
                .isEqualTo(Long.parseLong(made.group(1)));
        double upstreamMean = Double.parseDouble(latency.group(6));
        double upstreamMax = Double.parseDouble(latency.group(7));
        assertThat(upstreamMean).isLessThanOrEqualTo(upstreamMax);
        assertThat(upstreamMax).isLessThan(30_000.0);
        if (Long.parseLong(latency.group(5)) > 0) {
            assertThat(upstreamMax).isPositive();
        }
    }

    private static final Pattern MADE = Pattern.compile("\"made\":(\\d+)");

    @Test
    void aKnownSequenceOfRequests_givesExactlyItsNumbers_afterEachRequest() throws Exception {
        assertThat(numbers("/").body())
                .isEqualTo(counts("/", 0, 0, 0, 0, 0, 0, 0, 0)
                        + "\"latencyMs\":{\"checks\":0,\"p50\":0.0,\"p95\":0.0,\"max\":0.0},"
                        + "\"upstreamMs\":{\"calls\":0,\"mean\":0.0,\"max\":0.0}}");

        // a denial: one check, one call
        assertThat(Http.get(base.resolve("/api/messages"), "bob-token").statusCode())
                .isEqualTo(403);
        assertNumbers("/", counts("/", 1, 0, 1, 0, 1, 1, 0, 0), 1);

        // no token: a check that needs no call
        assertThat(Http.get(base.resolve("/api/messages")).statusCode()).isEqualTo(401);
        assertNumbers("/", counts("/", 2, 0, 1, 1, 1, 1, 0, 0), 2);

        // a token RingCentral rejects (OAU-128): unauthenticated too, after a call
        assertThat(Http.get(base.resolve("/api/messages"), "dave-expired-token").statusCode())
                .isEqualTo(401);
        assertNumbers("/", counts("/", 3, 0, 1, 2, 2, 2, 0, 0), 3);

        // alice, until one of her checks is answered from her decision of a moment ago: the JAX-RS filter checks
        // ReadMessages (the interceptor's check of the same requirement is answered by the request's grant, and
        // reported by neither). Her guard's share of the Light budget is a burst of 5, the last 2 kept for checks with
        // nothing to reuse: quick requests reuse from the fourth on; a slow machine that regains calls meanwhile only
        // takes more requests, each of them live until the one reuse the loop stops at.
        int requests = 0;
        long reused = 0;
        while (reused == 0 && requests < 40) {
            assertThat(Http.get(base.resolve("/api/messages"), "alice-token").statusCode())
                    .isEqualTo(200);
            requests++;
            reused = Http.object(Http.get(base.resolve("/demo/economy?user=alice")))
                    .getJsonNumber("reusedDecisions")
                    .longValue();
        }
        assertThat(reused)
                .as("one of alice's %s requests reused her decision", requests)
                .isEqualTo(1);
        int live = 2 + requests - 1;
        assertNumbers("/", counts("/", 3 + requests, requests, 1, 2, 2 + requests, live, 1, 1), 3 + requests);

        // the calls made are the ones the simulator received, and the economy's
        assertThat(counters.total()).isEqualTo(live);
        JsonObject economy = Http.object(Http.get(base.resolve("/demo/economy?user=alice")));
        assertThat(economy.getJsonNumber("liveCalls").longValue()).isEqualTo(live);
        assertThat(economy.getJsonNumber("reusedDecisions").longValue()).isEqualTo(1);
    }

    /** The body up to the latency. */
    private static String countsOf(String body) {
        return body.substring(0, body.indexOf("\"latencyMs\""));
    }

    @Test
    void theNumbersAreNotProtected_aTokenSentWithThemIsIgnored_andNoneIsShown() throws Exception {
        String before = numbers("/").body();

        HttpResponse<String> withToken = Http.get(base.resolve("/demo/numbers"), "alice-token");

        assertThat(withToken.statusCode()).isEqualTo(200);
        assertThat(Http.header(withToken, "Cache-Control")).isEqualTo("no-store");
        assertThat(countsOf(withToken.body())).isEqualTo(countsOf(before)); // not a check: nothing counted
        assertThat(withToken.body()).doesNotContain("-token");
        JsonObject body = Http.object(withToken);
        assertThat(body.keySet())
                .containsExactly(
                        "application", "checks", "outcomes", "wouldRefuse", "calls", "latencyMs", "upstreamMs");
        assertThat(body.getJsonObject("outcomes").keySet())
                .containsExactly("granted", "denied", "unauthenticated", "unavailable");
        assertThat(body.getJsonObject("calls").keySet())
                .containsExactly("needed", "made", "saved", "reusedDecisions", "refusedForBudget");
        assertThat(body.getJsonObject("latencyMs").keySet()).containsExactly("checks", "p50", "p95", "max");
    }

    @Test
    void theBannerPointsAtTheNumbers() {
        assertThat(Banner.of(demo))
                .contains("    # the guard's live numbers: checks by outcome, calls needed, made and saved, latency\n"
                        + "    curl " + base + "demo/numbers\n");
    }

    @Test
    void theSessionApplicationCountsItsOwnChecks() throws Exception {
        String root = numbers("/").body();
        assertThat(numbers("/session").body())
                .isEqualTo(counts("/session", 0, 0, 0, 0, 0, 0, 0, 0)
                        + "\"latencyMs\":{\"checks\":0,\"p50\":0.0,\"p95\":0.0,\"max\":0.0},"
                        + "\"upstreamMs\":{\"calls\":0,\"mean\":0.0,\"max\":0.0}}");

        // not signed in: no token in the session, 401 without a call
        assertThat(Http.get(base.resolve("/session/api/messages")).statusCode()).isEqualTo(401);

        assertNumbers("/session", counts("/session", 1, 0, 0, 1, 0, 0, 0, 0), 1);
        assertThat(countsOf(numbers("/").body())).isEqualTo(countsOf(root)); // the application at / saw none of it
    }
}
