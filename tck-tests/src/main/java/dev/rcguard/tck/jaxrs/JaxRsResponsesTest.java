package dev.rcguard.tck.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rcguard.simulator.Endpoint;
import dev.rcguard.simulator.Fault;
import dev.rcguard.simulator.RingCentralSimulator;
import dev.rcguard.tck.jaxrs.fixture.GuardedApplication;
import dev.rcguard.tck.jaxrs.fixture.MessagesResource;
import dev.rcguard.tck.support.Deployments;
import dev.rcguard.tck.support.Http;
import dev.rcguard.tck.support.Problems;
import dev.rcguard.tck.support.Reply;
import dev.rcguard.tck.support.SuiteSimulator;
import jakarta.json.JsonObject;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every row of the contract's response table (ARCHITECTURE.md, "Responses"), through the JAX-RS filter of
 * {@code rcguard-cdi}, plus a permission revoked between two requests.
 */
@ExtendWith(ArquillianExtension.class)
class JaxRsResponsesTest {

    private static final RingCentralSimulator RC = SuiteSimulator.get();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.cdi("jaxrs-responses").addClasses(GuardedApplication.class, MessagesResource.class);
    }

    @ArquillianResource
    URL base;

    @Test
    void runsTheResource_whenRingCentralGrants() {
        String token = SuiteSimulator.user(u -> u.grant("ReadMessages"));

        Reply reply = Http.get(base, "api/messages", token);

        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("messages");
        assertThat(RC.counters().calls(Endpoint.PERMISSION_CHECK, token, "ReadMessages"))
                .isEqualTo(1);
    }

    @Test
    void answers401WithChallenge_andAsksNothing_whenNoTokenIsSent() {
        long before = RC.counters().total();

        Problems.assertNoToken(Http.anonymous(base, "api/messages"));

        assertThat(RC.counters().total()).isEqualTo(before);
    }

    @Test
    void answers401WithChallenge_andAsksNothing_whenTheTokenIsMalformed() {
        long before = RC.counters().total();

        Problems.assertNoToken(Http.send(base, "api/messages", "Bearer not a token"));
        Problems.assertNoToken(Http.send(base, "api/messages", "Basic dXNlcjpwYXNz"));

        assertThat(RC.counters().total()).isEqualTo(before);
    }

    @Test
    void answers401InvalidToken_withRingCentralsCode_whenTheTokenExpired() {
        String token = SuiteSimulator.user(u -> u.grant("ReadMessages"));
        RC.expireToken(token);

        Reply reply = Http.get(base, "api/messages", token);

        Problems.assertInvalidToken(reply, "OAU-128");
        Problems.assertTokenNotEchoed(reply, token);
    }

    @Test
    void answers403WithTheLibrarysReason_whenThePermissionIsNotGranted() {
        String token = SuiteSimulator.user(u -> u.grant("ReadCallLog"));

        Reply reply = Http.get(base, "api/messages", token);

        Problems.assertDenied(
                reply, "ReadMessages", "InsufficientPermissions", "Permission ReadMessages is not granted");
        Problems.assertTokenNotEchoed(reply, token);
    }

    @Test
    void answers403WithRingCentralsReason_whenTheFeatureIsUnavailable() {
        String token = SuiteSimulator.user(u -> u.unavailable(
                "EditMeetings",
                "InsufficientPermissions",
                "No MeetingsSettings permission granted",
                "MeetingsSettings"));

        Reply reply = Http.get(base, "api/meetings", token);

        JsonObject body = Problems.assertDenied(
                reply, "EditMeetings", "InsufficientPermissions", "No MeetingsSettings permission granted");
        assertThat(body.getJsonObject("reason").getString("permission")).isEqualTo("MeetingsSettings");
    }

    @Test
    void answers403_whenTheFeatureRecordIsMissing() {
        String token = SuiteSimulator.user(u -> u.feature("SMSSending", true));

        Reply reply = Http.get(base, "api/meetings", token);

        Problems.assertDenied(
                reply, "EditMeetings", "FeatureNotFound", "RingCentral has no feature EditMeetings for this user");
    }

    @Test
    void answers403WithRingCentralsErrorCode_whenRingCentralAnswers403() {
        String token = SuiteSimulator.user(u -> u.grant("ReadMessages"));
        RC.inject(
                Endpoint.PERMISSION_CHECK,
                token,
                Fault.status(
                        403,
                        "{\"errorCode\":\"CMN-408\",\"message\":\"In order to call this API endpoint, user needs to"
                                + " have [ReadMessages] permission for requested resource.\",\"errors\":[]}"));

        Reply reply = Http.get(base, "api/messages", token);

        assertThat(Problems.assertProblem(reply, 403, "urn:rcguard:permission-denied", "Forbidden")
                        .getJsonObject("reason")
                        .getString("code"))
                .isEqualTo("CMN-408");
    }

    @Test
    void answers503WithRetryAfter_whenRingCentralRateLimits() {
        String token = SuiteSimulator.user(u -> u.grant("ReadMessages"));
        RC.inject(
                Endpoint.PERMISSION_CHECK,
                token,
                Fault.status(429, "{\"errorCode\":\"CMN-301\",\"message\":\"Request rate exceeded\"}")
                        .withHeader("Retry-After", "30"));

        Problems.assertRateLimited(Http.get(base, "api/messages", token), "30");

        // Its user and group are held back: the next request is refused without asking RingCentral again.
        long asked = RC.counters().callsWithToken(token);
        Reply again = Http.get(base, "api/messages", token);
        assertThat(again.status()).isEqualTo(503);
        assertThat(again.header("Retry-After")).isNotNull();
        assertThat(RC.counters().callsWithToken(token)).isEqualTo(asked);
    }

    @Test
    void failsClosedWith503_whenRingCentralAnswers5xx() {
        String token = SuiteSimulator.user(u -> u.grant("ReadMessages"));
        RC.inject(Endpoint.PERMISSION_CHECK, token, Fault.serviceUnavailable());

        Problems.assertUnavailable(Http.get(base, "api/messages", token));
    }

    @Test
    void failsClosedWith503_whenTheAnswerIsMalformed() {
        String token = SuiteSimulator.user(u -> u.grant("ReadMessages"));
        RC.inject(Endpoint.PERMISSION_CHECK, token, Fault.malformedJson());

        Problems.assertUnavailable(Http.get(base, "api/messages", token));
    }

    @Test
    void failsClosedWith503_whenTheConnectionDrops() {
        String token = SuiteSimulator.user(u -> u.grant("ReadMessages"));
        RC.inject(Endpoint.PERMISSION_CHECK, token, Fault.dropConnection());

        Problems.assertUnavailable(Http.get(base, "api/messages", token));
    }

    @Test
    void neverEchoesTheCallersToken_whenRingCentralsReasonCarriesIt() {
        String token = SuiteSimulator.user(u -> u.grant("ReadMessages"));
        RC.inject(
                Endpoint.PERMISSION_CHECK,
                token,
                Fault.status(
                        403,
                        "{\"errorCode\":\"CMN-408\",\"message\":\"Denied for " + token + "\",\"errors\":"
                                + "[{\"errorCode\":\"CMN-408\",\"message\":\"Denied for " + token + "\"}]}"));

        Reply reply = Http.get(base, "api/messages", token);

        Problems.assertDenied(reply, "ReadMessages", "CMN-408", "Denied for [token]");
        assertThat(reply.body()).doesNotContain(token);
        assertThat(reply.headers().map().toString()).doesNotContain(token);
    }

    @Test
    void failsClosedWith503_whenRingCentralIsTooSlow() {
        String token = SuiteSimulator.user(u -> u.grant("ReadMessages"));
        RC.inject(Endpoint.PERMISSION_CHECK, token, Fault.latencyMillis(5_000)); // read timeout: 3 s

        Problems.assertUnavailable(Http.get(base, "api/messages", token));
    }

    @Test
    void deniesTheSecondRequest_whenThePermissionIsRevokedInBetween() {
        String token = SuiteSimulator.user(u -> u.grant("ReadMessages"));
        assertThat(Http.get(base, "api/messages", token).status()).isEqualTo(200);

        RC.user(token).revoke("ReadMessages");

        Problems.assertDenied(
                Http.get(base, "api/messages", token),
                "ReadMessages",
                "InsufficientPermissions",
                "Permission ReadMessages is not granted");
        assertThat(RC.counters().calls(Endpoint.PERMISSION_CHECK, token, "ReadMessages"))
                .isEqualTo(2);
    }
}
