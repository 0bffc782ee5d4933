package dev.rcguard.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rcguard.simulator.Endpoint;
import dev.rcguard.simulator.Fault;
import dev.rcguard.testkit.SimulatedRingCentral;
import dev.rcguard.testkit.WithRingCentralSimulator;
import jakarta.json.JsonObject;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every row of ARCHITECTURE.md's response table, through a filter in Jetty against the simulator. */
@WithRingCentralSimulator
class ResponseTableTest {

    private static SimulatedRingCentral ringCentral;
    private static JettyServer jetty;
    private int servletRunsBefore;

    @BeforeAll
    static void start() throws Exception {
        // rcguard.server-url comes from the test kit: the simulator's URL
        jetty = JettyServer.withServlet()
                .contextParams(Map.of("rcguard.read-timeout-ms", "500"))
                .filter("messages", "/messages/*", Map.of("permissions", "ReadMessages"))
                .filter("sms", "/sms/*", Map.of("features", "SMSSending"))
                .filter("meetings", "/meetings/*", Map.of("features", "EditMeetings"))
                .start();
    }

    @BeforeEach
    void usersAndServletRuns() {
        ringCentral.addUser(u -> u.token("t-granted")
                .token("t-expired")
                .token("t-rc403")
                .token("t-429")
                .token("t-slow")
                .token("t-dropped")
                .token("t-5xx")
                .token("t-malformed")
                .token("t-offline")
                .grant("ReadMessages")
                .feature("SMSSending", true));
        ringCentral.addUser(u -> u.token("t-denied")
                .unavailable(
                        "EditMeetings",
                        "InsufficientPermissions",
                        "No MeetingsSettings permission granted",
                        "MeetingsSettings"));
        ringCentral.expireToken("t-expired");
        servletRunsBefore = jetty.servlet().invocations();
    }

    @AfterAll
    static void stop() throws Exception {
        jetty.close();
    }

    @Test
    void grantsWhenRingCentralGrants_andRunsTheServlet() {
        HttpResponse<String> response = Http.get(jetty.uri("/messages/inbox"), "t-granted");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ran GET /messages/inbox");
        assertThat(jetty.servlet().invocations()).isEqualTo(servletRunsBefore + 1);
        assertThat(ringCentral.counters().calls(Endpoint.PERMISSION_CHECK, "t-granted", "ReadMessages"))
                .isEqualTo(1);
    }

    @Test
    void answers401WithChallenge_whenNoTokenCame_withoutAskingRingCentral() {
        long callsBefore = ringCentral.counters().total();

        HttpResponse<String> response = Http.get(jetty.uri("/messages/inbox"), null);

        JsonObject problem = assertRefused(response, 401, "urn:rcguard:unauthenticated");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"RingCentral\"");
        assertThat(problem.getString("title")).isEqualTo("Unauthorized");
        assertThat(problem.containsKey("reason")).isFalse();
        assertThat(ringCentral.counters().total()).isEqualTo(callsBefore);
    }

    @Test
    void answers401WithChallenge_whenTheBearerTokenIsMalformed() {
        long callsBefore = ringCentral.counters().total();

        HttpResponse<String> basic = Http.sendWithAuthorization("GET", jetty.uri("/messages/inbox"), "Basic dXNlcjpw");
        HttpResponse<String> spaces = Http.sendWithAuthorization("GET", jetty.uri("/messages/inbox"), "Bearer a b c");

        for (HttpResponse<String> response : java.util.List.of(basic, spaces)) {
            assertRefused(response, 401, "urn:rcguard:unauthenticated");
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"RingCentral\"");
        }
        assertThat(ringCentral.counters().total()).isEqualTo(callsBefore);
    }

    @Test
    void answers401InvalidToken_whenRingCentralRejectsTheToken() {
        HttpResponse<String> response = Http.get(jetty.uri("/messages/inbox"), "t-expired");

        JsonObject problem = assertRefused(response, 401, "urn:rcguard:unauthenticated");
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValue("Bearer realm=\"RingCentral\", error=\"invalid_token\"");
        assertThat(problem.getJsonObject("reason").getString("code")).isEqualTo("OAU-128");
        assertThat(response.body()).doesNotContain("t-expired");
    }

    @Test
    void answers403NamingThePermission_whenRingCentralAnswersSuccessfulFalse() {
        HttpResponse<String> response = Http.get(jetty.uri("/messages/inbox"), "t-denied");

        JsonObject problem = assertRefused(response, 403, "urn:rcguard:permission-denied");
        assertThat(problem.getString("title")).isEqualTo("Forbidden");
        assertThat(problem.getString("permission")).isEqualTo("ReadMessages");
        assertThat(problem.getString("detail")).isEqualTo("Permission ReadMessages is not granted");
        assertThat(problem.getJsonObject("reason").getString("code")).isEqualTo("InsufficientPermissions");
        assertThat(problem.getJsonObject("reason").getString("message"))
                .isEqualTo("Permission ReadMessages is not granted");
    }

    @Test
    void answers403CarryingRingCentralsReason_whenAFeatureIsUnavailable() {
        HttpResponse<String> response = Http.get(jetty.uri("/meetings/settings"), "t-denied");

        JsonObject problem = assertRefused(response, 403, "urn:rcguard:permission-denied");
        assertThat(problem.getString("detail")).isEqualTo("No MeetingsSettings permission granted");
        assertThat(problem.getString("permission")).isEqualTo("EditMeetings");
        assertThat(problem.getJsonObject("reason").getString("code")).isEqualTo("InsufficientPermissions");
        assertThat(problem.getJsonObject("reason").getString("message"))
                .isEqualTo("No MeetingsSettings permission granted");
        assertThat(problem.getJsonObject("reason").getString("permission")).isEqualTo("MeetingsSettings");
    }

    @Test
    void answers403_whenRingCentralHasNoRecordOfTheFeature() {
        HttpResponse<String> response = Http.get(jetty.uri("/sms/send"), "t-denied");

        JsonObject problem = assertRefused(response, 403, "urn:rcguard:permission-denied");
        assertThat(problem.getString("permission")).isEqualTo("SMSSending");
        assertThat(problem.getJsonObject("reason").getString("code")).isEqualTo("FeatureNotFound");
    }

    @Test
    void answers403WithRingCentralsErrorCode_whenRingCentralAnswers403() {
        ringCentral.inject(
                Endpoint.PERMISSION_CHECK,
                "t-rc403",
                Fault.status(
                        403,
                        "{\"errorCode\":\"CMN-408\",\"message\":\"In order to call this API endpoint, user needs"
                                + " to have [ReadMessages] permission\",\"errors\":[{\"errorCode\":\"CMN-408\","
                                + "\"message\":\"In order to call this API endpoint, user needs to have"
                                + " [ReadMessages] permission\",\"permissionName\":\"ReadMessages\"}],"
                                + "\"permissionName\":\"ReadMessages\"}"));

        HttpResponse<String> response = Http.get(jetty.uri("/messages/inbox"), "t-rc403");

        JsonObject problem = assertRefused(response, 403, "urn:rcguard:permission-denied");
        assertThat(problem.getString("permission")).isEqualTo("ReadMessages");
        assertThat(problem.getJsonObject("reason").getString("code")).isEqualTo("CMN-408");
        assertThat(problem.getString("detail")).contains("needs to have [ReadMessages] permission");
    }

    @Test
    void answers503WithRetryAfter_whenRingCentralAnswers429_andHoldsTheTokenBack() {
        ringCentral.inject(
                Endpoint.PERMISSION_CHECK,
                "t-429",
                Fault.status(429, "{\"errorCode\":\"CMN-301\",\"message\":\"Request rate exceeded\"}")
                        .withHeader("Retry-After", "30"));

        HttpResponse<String> first = Http.get(jetty.uri("/messages/inbox"), "t-429");
        HttpResponse<String> second = Http.get(jetty.uri("/messages/inbox"), "t-429");

        JsonObject problem = assertRefused(first, 503, "urn:rcguard:unavailable");
        assertThat(first.headers().firstValue("Retry-After")).hasValue("30");
        assertThat(problem.getJsonObject("reason").getString("code")).isEqualTo("CMN-301");
        assertRefused(second, 503, "urn:rcguard:unavailable");
        assertThat(second.headers().firstValue("Retry-After")).isPresent();
        assertThat(ringCentral.counters().callsWithToken("t-429")).isEqualTo(1);
    }

    @Test
    void answers503_whenRingCentralDoesNotAnswerInTime() {
        ringCentral.inject(Endpoint.PERMISSION_CHECK, "t-slow", Fault.latencyMillis(5_000));

        HttpResponse<String> response = Http.get(jetty.uri("/messages/inbox"), "t-slow");

        JsonObject problem = assertRefused(response, 503, "urn:rcguard:unavailable");
        assertThat(response.headers().firstValue("Retry-After")).isEmpty();
        assertThat(problem.getJsonObject("reason").getString("code")).isEqualTo("Timeout");
    }

    @Test
    void answers503_whenRingCentralDropsTheConnection() {
        ringCentral.inject(Endpoint.PERMISSION_CHECK, "t-dropped", Fault.dropConnection());

        assertRefused(Http.get(jetty.uri("/messages/inbox"), "t-dropped"), 503, "urn:rcguard:unavailable");
    }

    @Test
    void answers503_whenRingCentralCannotBeReached() throws Exception {
        try (JettyServer offline = JettyServer.withServlet()
                .contextParams(Map.of("rcguard.server-url", closedPort()))
                .filter("offline", "/offline/*", Map.of("permissions", "ReadMessages"))
                .start()) {
            HttpResponse<String> response = Http.get(offline.uri("/offline/inbox"), "t-offline");

            assertThat(response.statusCode()).isEqualTo(503);
            JsonObject problem = Problem.of(response);
            assertThat(problem.getString("type")).isEqualTo("urn:rcguard:unavailable");
            assertThat(problem.getJsonObject("reason").getString("code")).isEqualTo("ConnectionFailed");
            assertThat(offline.servlet().invocations()).isZero();
        }
    }

    @Test
    void answers503_whenRingCentralAnswers5xx() {
        ringCentral.inject(Endpoint.PERMISSION_CHECK, "t-5xx", Fault.serviceUnavailable());

        HttpResponse<String> response = Http.get(jetty.uri("/messages/inbox"), "t-5xx");

        JsonObject problem = assertRefused(response, 503, "urn:rcguard:unavailable");
        assertThat(problem.getJsonObject("reason").getString("code")).isEqualTo("CMN-201");
    }

    @Test
    void answers503_whenRingCentralsAnswerIsMalformed() {
        ringCentral.inject(Endpoint.PERMISSION_CHECK, "t-malformed", Fault.malformedJson());

        HttpResponse<String> response = Http.get(jetty.uri("/messages/inbox"), "t-malformed");

        JsonObject problem = assertRefused(response, 503, "urn:rcguard:unavailable");
        assertThat(problem.getJsonObject("reason").getString("code")).isEqualTo("InvalidResponse");
    }

    /** Asserts a problem response and that the servlet did not run for it; answers the parsed body. */
    private JsonObject assertRefused(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(contentType -> assertThat(contentType).startsWith("application/problem+json"));
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(response.body()).doesNotStartWith("ran ");
        JsonObject problem = Problem.of(response);
        assertThat(problem.getString("type")).isEqualTo(type);
        assertThat(problem.getInt("status")).isEqualTo(status);
        assertThat(jetty.servlet().invocations())
                .as("the servlet never runs on a refusal")
                .isEqualTo(servletRunsBefore);
        return problem;
    }

    static Map<String, String> with(Map<String, String> base, String name, String value) {
        Map<String, String> params = new java.util.HashMap<>(base);
        params.put(name, value);
        return params;
    }

    static String closedPort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }
}
