package dev.rcguard.cdi.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rcguard.Decision;
import dev.rcguard.PermissionCheckEvent;
import dev.rcguard.simulator.Endpoint;
import dev.rcguard.simulator.Fault;
import dev.rcguard.testkit.SimulatedRingCentral;
import dev.rcguard.testkit.WithRingCentralSimulator;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Annotated JAX-RS resources on Jetty + Weld + RESTEasy, checked against the simulator over loopback. */
@WithRingCentralSimulator
class JaxRsEnforcementTest {

    static final String PROBLEM_JSON = "application/problem+json";

    static SimulatedRingCentral ringCentral;
    final String alice = "alice";
    static EmbeddedServer server;

    @BeforeAll
    static void start() throws Exception {
        TestConfig.timeoutsAndMode("enforce"); // rcguard.server-url: the test kit's simulator
        server = EmbeddedServer.start(GuardedApplication.class, new ServletFilterStandIn());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        TestConfig.clear();
    }

    @BeforeEach
    void usersAndFaults() {
        ringCentral.addUser(u -> u.token(alice)
                .token("alice-expired")
                .grant("ReadMessages")
                .feature("ReadMessages", true)
                .unavailable(
                        "SMSSending",
                        "ServicePlanLimitation",
                        "The feature is unavailable for the current service plan"));
        ringCentral.addUser(u -> u.token("bob"));
        ringCentral.addUser(u -> u.token("slow").grant("ReadMessages"));
        ringCentral.expireToken("alice-expired");
        ringCentral.inject(Endpoint.PERMISSION_CHECK, "down", Fault.dropConnection());
        ringCentral.inject(Endpoint.PERMISSION_CHECK, "slow", Fault.latencyMillis(3_000));
        ringCentral.inject(
                Endpoint.PERMISSION_CHECK,
                "limited",
                Fault.status(429, "{\"errorCode\":\"CMN-301\",\"message\":\"Request rate exceeded\"}")
                        .withHeader("Retry-After", "30"));
        Invocations.reset();
        AuditLog.EVENTS.clear();
    }

    @Test
    void grantedPermission_is200_andRunsTheResource() throws Exception {
        HttpResponse<String> response = Http.get(server.uri("/messages"), alice);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("3 messages");
        assertThat(Invocations.of("GET /messages")).isEqualTo(1);
    }

    @Test
    void oneRequest_asksRingCentralOncePerId_throughServletFilterJaxRsFilterInterceptorAndNestedBean()
            throws Exception {
        HttpResponse<String> response = Http.get(server.uri("/messages"), alice);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Invocations.of("Mailbox#messages")).isEqualTo(1);
        assertThat(ringCentral.counters().calls(Endpoint.PERMISSION_CHECK, alice, "ReadMessages"))
                .isEqualTo(1);
        assertThat(ringCentral.counters().calls(Endpoint.FEATURES, alice, "ReadMessages"))
                .isEqualTo(1);
        assertThat(ringCentral.counters().total()).isEqualTo(2);
    }

    @Test
    void twoRequests_askRingCentralAgain_nothingOutlivesItsRequest() throws Exception {
        Http.get(server.uri("/messages"), alice);
        Http.get(server.uri("/messages"), alice);

        assertThat(ringCentral.counters().calls(Endpoint.PERMISSION_CHECK, alice, "ReadMessages"))
                .isEqualTo(2);
    }

    @Test
    void permissionNotGranted_is403WithPermissionAndReason_andTheResourceNeverRuns() throws Exception {
        HttpResponse<String> response = Http.get(server.uri("/messages"), "bob");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(PROBLEM_JSON);
        assertThat(response.body())
                .contains("\"type\":\"urn:rcguard:permission-denied\"")
                .contains("\"status\":403")
                .contains("\"permission\":\"ReadMessages\"")
                .contains("\"code\":\"InsufficientPermissions\"");
        assertThat(Invocations.total()).isZero();
    }

    @Test
    void featureUnavailable_is403WithRingCentralsReason_beforeTheBodyIsRead() throws Exception {
        HttpResponse<String> response = Http.post(server.uri("/messages/sms"), alice, "hello");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(PROBLEM_JSON);
        assertThat(response.body())
                .contains("\"feature\":\"SMSSending\"")
                .contains("\"code\":\"ServicePlanLimitation\"")
                .contains("The feature is unavailable for the current service plan");
        assertThat(Invocations.of("Sms.Reader#readFrom")).isZero();
        assertThat(Invocations.of("POST /messages/sms")).isZero();
    }

    @Test
    void noToken_is401WithChallenge_andNoUpstreamCall() throws Exception {
        HttpResponse<String> response = Http.get(server.uri("/messages"), null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"RingCentral\"");
        assertThat(response.body()).contains("\"type\":\"urn:rcguard:unauthenticated\"");
        assertThat(ringCentral.counters().total()).isZero();
        assertThat(Invocations.total()).isZero();
    }

    @Test
    void tokenRingCentralRejects_is401InvalidToken() throws Exception {
        HttpResponse<String> response = Http.get(server.uri("/messages"), "alice-expired");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValue("Bearer realm=\"RingCentral\", error=\"invalid_token\"");
        assertThat(response.body()).contains("\"type\":\"urn:rcguard:unauthenticated\"");
        assertThat(Invocations.total()).isZero();
    }

    @Test
    void ringCentralDown_is503_andFailsClosed() throws Exception {
        HttpResponse<String> response = Http.get(server.uri("/messages"), "down");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(PROBLEM_JSON);
        assertThat(response.body()).contains("\"type\":\"urn:rcguard:unavailable\"");
        assertThat(Invocations.total()).isZero();
    }

    @Test
    void ringCentralSlowerThanTheReadTimeout_is503() throws Exception {
        HttpResponse<String> response = Http.get(server.uri("/messages"), "slow");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("\"type\":\"urn:rcguard:unavailable\"");
        assertThat(Invocations.total()).isZero();
    }

    @Test
    void ringCentralRateLimit_is503WithRetryAfter_andTheTokenIsHeldBack() throws Exception {
        HttpResponse<String> first = Http.get(server.uri("/messages"), "limited");
        HttpResponse<String> second = Http.get(server.uri("/messages"), "limited");

        assertThat(first.statusCode()).isEqualTo(503);
        assertThat(first.headers().firstValue("Retry-After")).hasValue("30");
        assertThat(first.body())
                .contains("\"type\":\"urn:rcguard:unavailable\"")
                .contains("CMN-301");
        assertThat(second.statusCode()).isEqualTo(503);
        assertThat(second.headers().firstValue("Retry-After")).isPresent();
        assertThat(ringCentral.counters().callsWithToken("limited")).isEqualTo(1);
        assertThat(Invocations.total()).isZero();
    }

    @Test
    void denialInANestedBean_isMappedToTheSame403() throws Exception {
        HttpResponse<String> response = Http.get(server.uri("/messages/admin"), alice);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(PROBLEM_JSON);
        assertThat(response.body())
                .contains("\"permission\":\"AccountAdministration\"")
                .contains("\"code\":\"InsufficientPermissions\"");
        assertThat(Invocations.of("AdminService#settings")).isZero();
    }

    @Test
    void resourceThatIsNotACdiBean_isProtectedByTheFilter() throws Exception {
        HttpResponse<String> response = Http.get(server.uri("/call-log"), alice);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("\"permission\":\"ReadCallLog\"");
        assertThat(Invocations.total()).isZero();
    }

    @Test
    void targetExtension_isTakenFromThePathParameter() throws Exception {
        HttpResponse<String> response = Http.get(server.uri("/messages/users/~"), alice);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("messages of ~");
    }

    @Test
    void targetExtensionThatIsNotAnId_is403WithoutAnUpstreamCall() throws Exception {
        HttpResponse<String> response = Http.get(server.uri("/messages/users/abc"), alice);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("\"code\":\"CMN-101\"").contains("\"permission\":\"ReadMessages\"");
        assertThat(ringCentral.counters().total()).isZero();
        assertThat(Invocations.total()).isZero();
    }

    @Test
    void completionStageResource_isCheckedFirst() throws Exception {
        HttpResponse<String> granted = Http.get(server.uri("/messages/async"), alice);
        HttpResponse<String> denied = Http.get(server.uri("/messages/async"), "bob");

        assertThat(granted.statusCode()).isEqualTo(200);
        assertThat(granted.body()).isEqualTo("async messages");
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.body()).contains("\"permission\":\"ReadMessages\"");
        assertThat(Invocations.of("GET /messages/async")).isEqualTo(1);
    }

    @Test
    void suspendedAsyncResponseResource_isCheckedFirst() throws Exception {
        HttpResponse<String> granted = Http.get(server.uri("/messages/suspended"), alice);
        HttpResponse<String> denied = Http.get(server.uri("/messages/suspended"), null);

        assertThat(granted.statusCode()).isEqualTo(200);
        assertThat(granted.body()).isEqualTo("suspended messages");
        assertThat(denied.statusCode()).isEqualTo(401);
        assertThat(Invocations.of("GET /messages/suspended")).isEqualTo(1);
    }

    @Test
    void everyDecision_isAnAuditEvent_withoutTheToken() throws Exception {
        Http.get(server.uri("/call-log"), alice);

        assertThat(AuditLog.EVENTS).hasSize(1);
        PermissionCheckEvent event = AuditLog.EVENTS.get(0);
        assertThat(event.endpoint()).isEqualTo("GET /call-log");
        assertThat(event.accountId()).isEqualTo(ringCentral.user(alice).accountId()); // learned from the answer
        assertThat(event.extensionId()).isEqualTo(ringCentral.user(alice).extensionId());
        assertThat(event.targetExtensionId()).isNull();
        assertThat(event.decision().outcome()).isEqualTo(Decision.Outcome.DENIED);
        assertThat(event.decision().id()).isEqualTo("ReadCallLog");
        assertThat(event.reasonCode()).isEqualTo("InsufficientPermissions");
        assertThat(event.requirement().permissions().ids()).containsExactly("ReadCallLog");
        assertThat(event.latency()).isPositive();
        assertThat(event.enforced()).isTrue();
        assertThat(event.toString()).doesNotContain(alice);
    }

    @Test
    void aCdiResourceMethodIsCheckedOnce_byTheFilter_notAgainByItsInterceptor() throws Exception {
        HttpResponse<String> response = Http.get(server.uri("/messages"), alice);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(AuditLog.EVENTS)
                .extracting(PermissionCheckEvent::endpoint)
                .contains("GET /messages")
                .doesNotContain(MessagesResource.class.getName() + "#list"); // the nested Mailbox is still checked
    }

    @Test
    void theInterceptorTrustsTheFiltersGrant_forTheSameRequirementAndTarget_butChecksAnotherTarget() throws Exception {
        HttpResponse<String> response = Http.get(server.uri("/messages/users/~/forwarded"), alice);

        assertThat(response.statusCode()).isEqualTo(403); // alice may read her own messages, not 999999's
        assertThat(response.body()).contains("\"permission\":\"ReadMessages\"");
        assertThat(AuditLog.EVENTS)
                .extracting(PermissionCheckEvent::endpoint)
                .containsExactly(
                        "GET /messages/users/{extensionId}/forwarded", Mailbox.class.getName() + "#messagesOf");
        assertThat(AuditLog.EVENTS)
                .extracting(event -> event.decision().outcome())
                .containsExactly(Decision.Outcome.GRANTED, Decision.Outcome.DENIED);
        assertThat(ringCentral.counters().calls(alice, "ReadMessages")).isEqualTo(2);
        assertThat(Invocations.of("GET /messages/users/{extensionId}/forwarded"))
                .isEqualTo(1);
        assertThat(Invocations.of("Mailbox#messagesOf")).isZero();
    }
}
