package dev.rcguard.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rcguard.Decision;
import dev.rcguard.Decision.Kind;
import dev.rcguard.Decision.Outcome;
import dev.rcguard.Reason;
import dev.rcguard.simulator.Endpoint;
import dev.rcguard.simulator.Fault;
import dev.rcguard.simulator.RateLimits;
import dev.rcguard.simulator.RingCentralSimulator;
import dev.rcguard.spi.Caller;
import dev.rcguard.spi.GuardConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every RingCentral answer, over real HTTP from the simulator, and the decision it becomes. */
class HttpRingCentralClientTest {

    static RingCentralSimulator ringCentral;
    static HttpRingCentralClient client;

    static final Caller ALICE = Caller.of("alice-token");

    @BeforeAll
    static void start() {
        ringCentral = RingCentralSimulator.builder()
                .rateLimits(RateLimits.disabled())
                .user(u -> u.token("alice-token")
                        .token("expired-token")
                        .grant("ReadMessages")
                        .feature("SMSSending", true)
                        .unavailable(
                                "FaxSending",
                                "ServicePlanLimitation",
                                "The feature is unavailable for the current service plan")
                        .unavailable(
                                "EditMeetings",
                                "InsufficientPermissions",
                                "No MeetingsSettings permission granted",
                                "MeetingsSettings")
                        .unavailable("Teleportation", "QuantumLimitation", "Not on this planet yet"))
                .user(u -> u.token("bob-token").extensionId("200200"))
                .start();
        ringCentral.expireToken("expired-token");
        client = new HttpRingCentralClient(config(ringCentral.baseUri()));
    }

    static GuardConfig config(URI server) {
        return GuardConfig.load(name -> switch (name) {
                    case GuardConfig.READ_TIMEOUT_MS -> "500";
                    case GuardConfig.CONNECT_TIMEOUT_MS -> "500";
                    default -> null;
                })
                .withServerUrl(server);
    }

    @AfterEach
    void clearFaults() {
        ringCentral.clearFaults();
        ringCentral.counters().reset();
    }

    @AfterAll
    static void stop() {
        client.close();
        ringCentral.close();
    }

    Decision permission(String id) {
        return client.checkPermission(ALICE, id, null).join().decision(id);
    }

    Decision feature(String id) {
        return client.checkFeatures(ALICE, List.of(id)).join().decisions().get(id);
    }

    @Test
    void grantsWhenSuccessfulIsTrueForTheIdAsked() {
        assertThat(permission("ReadMessages")).isEqualTo(Decision.granted());
        assertThat(ringCentral.counters().calls("alice-token", "ReadMessages")).isEqualTo(1);
    }

    @Test
    void deniesWhenSuccessfulIsFalse_withTheLibrarysReason() {
        assertThat(permission("UserManagement"))
                .isEqualTo(Decision.denied(
                        Kind.PERMISSION,
                        "UserManagement",
                        new Reason("InsufficientPermissions", "Permission UserManagement is not granted")));
    }

    @Test
    void deniesWhenSuccessfulIsMissing() {
        ringCentral.inject(Endpoint.PERMISSION_CHECK, Fault.status(200, "{\"uri\":\"https://x/check\"}"));
        assertThat(permission("ReadMessages").outcome()).isEqualTo(Outcome.DENIED);
    }

    @Test
    void refusesWhenTheAnswerIsAboutAnotherPermission() {
        ringCentral.inject(
                Endpoint.PERMISSION_CHECK,
                Fault.status(200, "{\"successful\":true,\"details\":{\"permission\":{\"id\":\"ReadCallLog\"}}}"));
        Decision decision = permission("ReadMessages");
        assertThat(decision.outcome()).isEqualTo(Outcome.UNAVAILABLE);
        assertThat(decision.reason().code()).isEqualTo("UnexpectedResponse");
    }

    @Test
    void refusesAGrantWithoutDetails() {
        ringCentral.inject(Endpoint.PERMISSION_CHECK, Fault.status(200, "{\"successful\":true}"));
        assertThat(permission("ReadMessages").outcome()).isEqualTo(Outcome.UNAVAILABLE);
    }

    @Test
    void grantsAnAvailableFeature() {
        assertThat(feature("SMSSending")).isEqualTo(Decision.granted());
    }

    @Test
    void deniesAnUnavailableFeature_andCarriesRingCentralsReason() {
        assertThat(feature("EditMeetings"))
                .isEqualTo(Decision.denied(
                        Kind.FEATURE,
                        "EditMeetings",
                        new Reason(
                                "InsufficientPermissions",
                                "No MeetingsSettings permission granted",
                                "MeetingsSettings")));
        assertThat(feature("FaxSending").reason())
                .isEqualTo(
                        new Reason("ServicePlanLimitation", "The feature is unavailable for the current service plan"));
    }

    @Test
    void passesUnknownReasonCodesThrough() {
        assertThat(feature("Teleportation").reason())
                .isEqualTo(new Reason("QuantumLimitation", "Not on this planet yet"));
    }

    @Test
    void deniesAFeatureMissingFromRecords() {
        Decision decision = feature("WarpDrive");
        assertThat(decision.outcome()).isEqualTo(Outcome.DENIED);
        assertThat(decision.id()).isEqualTo("WarpDrive");
        assertThat(decision.reason().code()).isEqualTo("FeatureNotFound");
    }

    @Test
    void deniesAFeatureWhoseAvailableIsMissing() {
        ringCentral.inject(Endpoint.FEATURES, Fault.status(200, "{\"records\":[{\"id\":\"SMSSending\"}]}"));
        assertThat(feature("SMSSending").outcome()).isEqualTo(Outcome.DENIED);
    }

    @Test
    void asksForAllFeaturesInOneCall() {
        Map<String, Decision> decisions = client.checkFeatures(ALICE, List.of("SMSSending", "FaxSending", "WarpDrive"))
                .join()
                .decisions();
        assertThat(decisions).hasSize(3);
        assertThat(decisions.get("SMSSending").isGranted()).isTrue();
        assertThat(decisions.get("FaxSending").outcome()).isEqualTo(Outcome.DENIED);
        assertThat(ringCentral.counters().calls(Endpoint.FEATURES)).isEqualTo(1);
    }

    @Test
    void anExpiredTokenIsUnauthenticated_withRingCentralsCode() {
        Decision decision = client.checkPermission(Caller.of("expired-token"), "ReadMessages", null)
                .join()
                .decision("ReadMessages");
        assertThat(decision.outcome()).isEqualTo(Outcome.UNAUTHENTICATED);
        assertThat(decision.reason().code()).isEqualTo("OAU-128");
    }

    @Test
    void anUnknownTokenIsUnauthenticated() {
        Decision decision = client.checkPermission(Caller.of("nobody"), "ReadMessages", null)
                .join()
                .decision("ReadMessages");
        assertThat(decision.outcome()).isEqualTo(Outcome.UNAUTHENTICATED);
        assertThat(decision.reason().code()).isEqualTo("OAU-213");
    }

    @ParameterizedTest
    @CsvSource({
        "AGW-401, Authorization header is not specified",
        "AGW-402, Invalid Authorization header",
        "OAU-128, Access token expired",
        "OAU-129, Access token corrupted",
        "OAU-149, Invalid token",
        "OAU-213, Token not found"
    })
    void everyRingCentral401IsUnauthenticated(String code, String message) {
        ringCentral.inject(Endpoint.FEATURES, Fault.status(401, errorBody("TokenInvalid", code, message)));
        assertThat(feature("SMSSending")).isEqualTo(Decision.invalidToken(new Reason(code, message)));
    }

    @ParameterizedTest
    @CsvSource({
        "CMN-404, Attempt to access another extension",
        "CMN-408, In order to call this API endpoint user needs to have [ReadMessages] permission",
        "InsufficientPermissions, In order to call this API endpoint application needs to have [ReadAccounts] permission"
    })
    void aRingCentral403IsADenial_withItsCodeAndMessage(String code, String message) {
        ringCentral.inject(Endpoint.PERMISSION_CHECK, Fault.status(403, errorBody(code, code, message)));
        assertThat(permission("ReadMessages"))
                .isEqualTo(Decision.denied(Kind.PERMISSION, "ReadMessages", new Reason(code, message)));
    }

    @Test
    void anotherExtensionsCheckIsDeniedByTheSimulatorAs403() {
        Decision decision = client.checkPermission(Caller.of("alice-token", "~", "200200"), "ReadMessages", null)
                .join()
                .decision("ReadMessages");
        assertThat(decision.outcome()).isEqualTo(Outcome.DENIED);
        assertThat(decision.reason().code()).isEqualTo("CMN-404");
    }

    @Test
    void a429IsUnavailable_withItsRetryAfter() {
        ringCentral.inject(
                Endpoint.PERMISSION_CHECK,
                Fault.status(429, errorBody("CMN-301", "CMN-301", "Request rate exceeded"))
                        .withHeader("Retry-After", "7"));
        assertThat(permission("ReadMessages"))
                .isEqualTo(Decision.rateLimited(new Reason("CMN-301", "Request rate exceeded"), Duration.ofSeconds(7)));
    }

    @Test
    void a429WithoutRetryAfterWaitsThirtySeconds() {
        ringCentral.inject(
                Endpoint.FEATURES, Fault.status(429, errorBody("CMN-301", "CMN-301", "Request rate exceeded")));
        assertThat(feature("SMSSending").retryAfter()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void a400IsADenial() {
        ringCentral.inject(
                Endpoint.PERMISSION_CHECK,
                Fault.status(400, errorBody("CMN-101", "CMN-101", "Parameter [targetExtensionId] value is invalid.")));
        Decision decision = permission("ReadMessages");
        assertThat(decision.outcome()).isEqualTo(Outcome.DENIED);
        assertThat(decision.reason())
                .isEqualTo(new Reason("CMN-101", "Parameter [targetExtensionId] value is invalid."));
    }

    @Test
    void anUnknownExtensionIsDeniedByTheSimulatorAs404() {
        Decision decision = client.checkPermission(Caller.of("alice-token", "~", "999999"), "ReadMessages", null)
                .join()
                .decision("ReadMessages");
        assertThat(decision.outcome()).isEqualTo(Outcome.DENIED);
        assertThat(decision.reason().code()).isEqualTo("CMN-102");
    }

    @Test
    void a404IsADenial() {
        ringCentral.inject(
                Endpoint.PERMISSION_CHECK,
                Fault.status(
                        404, errorBody("CMN-102", "CMN-102", "Resource for parameter [extensionId] is not found")));
        Decision decision = permission("ReadMessages");
        assertThat(decision.outcome()).isEqualTo(Outcome.DENIED);
        assertThat(decision.reason().code()).isEqualTo("CMN-102");
    }

    @Test
    void a5xxIsUnavailable() {
        ringCentral.inject(Endpoint.PERMISSION_CHECK, Fault.serviceUnavailable());
        Decision decision = permission("ReadMessages");
        assertThat(decision.outcome()).isEqualTo(Outcome.UNAVAILABLE);
        assertThat(decision.retryAfter()).isNull();
        assertThat(decision.reason().code()).isEqualTo("CMN-201");
    }

    @Test
    void aSlowAnswerTimesOut() {
        ringCentral.inject(Endpoint.PERMISSION_CHECK, Fault.latencyMillis(3_000));
        Decision decision = permission("ReadMessages");
        assertThat(decision.outcome()).isEqualTo(Outcome.UNAVAILABLE);
        assertThat(decision.reason().code()).isEqualTo("Timeout");
    }

    @Test
    void ringCentralsTextNeverCarriesTheCallersTokenOnward() {
        ringCentral.inject(
                Endpoint.PERMISSION_CHECK,
                Fault.status(
                        403,
                        errorBody("CMN-408", "CMN-408", "No ReadMessages for Bearer alice-token\\nX-Injected: 1")));
        ringCentral.inject(
                Endpoint.FEATURES,
                Fault.status(
                        200,
                        "{\"records\":[{\"id\":\"SMSSending\",\"available\":false,\"reason\":{\"code\":"
                                + "\"alice-token\",\"message\":\"token alice-token is not on this plan\"}}]}"));

        Reason denial = permission("ReadMessages").reason();
        Reason unavailable = feature("SMSSending").reason();

        assertThat(denial.message()).isEqualTo("No ReadMessages for Bearer [token] X-Injected: 1");
        assertThat(unavailable.code()).isEqualTo("[token]");
        assertThat(unavailable.message()).isEqualTo("token [token] is not on this plan");
    }

    @Test
    void aRefusedConnectionIsUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        try (HttpRingCentralClient nowhere =
                new HttpRingCentralClient(config(URI.create("http://127.0.0.1:" + closedPort)))) {
            Decision decision =
                    nowhere.checkPermission(ALICE, "ReadMessages", null).join().decision("ReadMessages");
            assertThat(decision.outcome()).isEqualTo(Outcome.UNAVAILABLE);
            assertThat(decision.reason().code()).isEqualTo("ConnectionFailed");
        }
    }

    @Test
    void aDroppedConnectionIsUnavailable() {
        ringCentral.inject(Endpoint.PERMISSION_CHECK, Fault.dropConnection());
        assertThat(permission("ReadMessages").outcome()).isEqualTo(Outcome.UNAVAILABLE);
    }

    @Test
    void malformedJsonIsUnavailable() {
        ringCentral.inject(Endpoint.PERMISSION_CHECK, Fault.malformedJson());
        Decision decision = permission("ReadMessages");
        assertThat(decision.outcome()).isEqualTo(Outcome.UNAVAILABLE);
        assertThat(decision.reason().code()).isEqualTo("InvalidResponse");
    }

    @Test
    void jsonOfTheWrongShapeIsUnavailable() {
        ringCentral.inject(Endpoint.FEATURES, Fault.status(200, "{\"records\":{\"id\":\"SMSSending\"}}"));
        assertThat(feature("SMSSending").outcome()).isEqualTo(Outcome.UNAVAILABLE);
        ringCentral.inject(Endpoint.PERMISSION_CHECK, Fault.status(200, "{\"successful\":\"yes, sure\"}"));
        assertThat(permission("ReadMessages").outcome()).isEqualTo(Outcome.UNAVAILABLE);
        ringCentral.inject(
                Endpoint.PERMISSION_CHECK,
                Fault.status(200, "{\"successful\":\"true\",\"details\":{\"permission\":{\"id\":\"ReadMessages\"}}}"));
        assertThat(permission("ReadMessages").outcome()).isEqualTo(Outcome.UNAVAILABLE);
        ringCentral.inject(
                Endpoint.FEATURES, Fault.status(200, "{\"records\":[{\"id\":\"SMSSending\",\"available\":1}]}"));
        assertThat(feature("SMSSending").outcome()).isEqualTo(Outcome.UNAVAILABLE);
        ringCentral.inject(Endpoint.PERMISSION_CHECK, Fault.status(200, "[true]"));
        assertThat(permission("ReadMessages").outcome()).isEqualTo(Outcome.UNAVAILABLE);
    }

    @Test
    void anHtmlBodyIsUnavailable() {
        ringCentral.inject(
                Endpoint.PERMISSION_CHECK, Fault.response(200, "text/html", "<html><body>Maintenance</body></html>"));
        Decision decision = permission("ReadMessages");
        assertThat(decision.outcome()).isEqualTo(Outcome.UNAVAILABLE);
        assertThat(decision.reason().code()).isEqualTo("InvalidResponse");
    }

    @Test
    void aRedirectIsNotFollowed_soTheTokenStaysWithRingCentral() {
        ringCentral.inject(
                Endpoint.PERMISSION_CHECK,
                Fault.response(302, "text/plain", "").withHeader("Location", ringCentral.baseUri() + "/elsewhere"));
        assertThat(permission("ReadMessages").outcome()).isEqualTo(Outcome.UNAVAILABLE);
        assertThat(ringCentral.counters().total()).isEqualTo(1);
    }

    @Test
    void reusesConnectionsAcrossCalls() {
        long before = ringCentral.counters().connections();
        String user = client.checkPermission(ALICE, "ReadMessages", null).join().user(); // as the guard learns it
        for (int i = 0; i < 20; i++) {
            assertThat(client.checkPermission(ALICE, "ReadMessages", null, user)
                            .join()
                            .decision("ReadMessages")
                            .isGranted())
                    .isTrue();
            assertThat(feature("SMSSending").isGranted()).isTrue();
        }
        // the permission checks on the connection the first one opened, the feature checks on one of Alice's own
        assertThat(ringCentral.counters().connections() - before).isLessThanOrEqualTo(2);
    }

    @Test
    void closingReturnsOnlyOnceEveryCallThreadHasEnded() {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        HttpRingCentralClient own = new HttpRingCentralClient(config(ringCentral.baseUri()));
        List<String> ids = List.of("SMSSending", "FaxSending", "EditMeetings", "Teleportation");
        assertThat(own.checkFeatures(ALICE, ids).join().decisions()).hasSize(4);
        List<Thread> callThreads = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread))
                .filter(thread -> thread.getName().startsWith("rcguard-client-"))
                .toList();
        assertThat(callThreads).isNotEmpty();

        own.close();

        assertThat(callThreads).noneMatch(Thread::isAlive);
    }

    static String errorBody(String topCode, String code, String message) {
        return "{\"errorCode\":\"" + topCode + "\",\"message\":\"" + message + "\",\"errors\":[{\"errorCode\":\"" + code
                + "\",\"message\":\"" + message + "\"}]}";
    }
}
