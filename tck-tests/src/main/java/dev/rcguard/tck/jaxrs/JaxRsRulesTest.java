package dev.rcguard.tck.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rcguard.simulator.Endpoint;
import dev.rcguard.simulator.Permission;
import dev.rcguard.simulator.RingCentralSimulator;
import dev.rcguard.tck.jaxrs.fixture.CallLogResource;
import dev.rcguard.tck.jaxrs.fixture.GuardedApplication;
import dev.rcguard.tck.jaxrs.fixture.MessagesResource;
import dev.rcguard.tck.support.Deployments;
import dev.rcguard.tck.support.Http;
import dev.rcguard.tck.support.Problems;
import dev.rcguard.tck.support.Reply;
import dev.rcguard.tck.support.SuiteSimulator;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The annotation rules on JAX-RS resources: ALL/ANY, class/method precedence, permission + feature, target extension. */
@ExtendWith(ArquillianExtension.class)
class JaxRsRulesTest {

    private static final RingCentralSimulator RC = SuiteSimulator.get();
    private static final String NOT_GRANTED = "InsufficientPermissions";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.cdi("jaxrs-rules")
                .addClasses(GuardedApplication.class, MessagesResource.class, CallLogResource.class);
    }

    @ArquillianResource
    URL base;

    @Test
    void any_letsThrough_whenOneOfTheIdsIsGranted() {
        String token = SuiteSimulator.user(u -> u.grant("EditMessages"));

        assertOk(Http.get(base, "api/read-or-edit", token), "read-or-edit");
    }

    @Test
    void any_refuses_whenNoIdIsGranted() {
        String token = SuiteSimulator.user(u -> u.grant("ReadCallLog"));

        Reply reply = Http.get(base, "api/read-or-edit", token);

        Problems.assertProblem(reply, 403, "urn:rcguard:permission-denied", "Forbidden");
        assertThat(reply.json().getString("permission")).isIn("ReadMessages", "EditMessages");
    }

    @Test
    void all_refusesNamingTheMissingId_whenOnlySomeAreGranted() {
        String token = SuiteSimulator.user(u -> u.grant("ReadMessages"));

        Problems.assertDenied(
                Http.get(base, "api/read-and-edit", token),
                "EditMessages",
                NOT_GRANTED,
                "Permission EditMessages is not granted");
    }

    @Test
    void all_letsThrough_whenEveryIdIsGranted() {
        String token = SuiteSimulator.user(u -> u.grant("ReadMessages").grant("EditMessages"));

        assertOk(Http.get(base, "api/read-and-edit", token), "read-and-edit");
    }

    @Test
    void classLevelRequirement_appliesToMethodsWithoutTheirOwn() {
        String granted = SuiteSimulator.user(u -> u.grant("ReadCallLog"));
        String other = SuiteSimulator.user(u -> u.grant("ReadCallRecordings"));

        assertOk(Http.get(base, "api/call-log", granted), "calls");
        Problems.assertDenied(
                Http.get(base, "api/call-log", other),
                "ReadCallLog",
                NOT_GRANTED,
                "Permission ReadCallLog is not granted");
    }

    @Test
    void methodLevelRequirement_replacesTheClassLevelOne() {
        String recordingsOnly = SuiteSimulator.user(u -> u.grant("ReadCallRecordings"));
        String callLogOnly = SuiteSimulator.user(u -> u.grant("ReadCallLog"));

        assertOk(Http.get(base, "api/call-log/recordings", recordingsOnly), "recordings");
        assertThat(RC.counters().calls(recordingsOnly, "ReadCallLog")).isZero();
        Problems.assertDenied(
                Http.get(base, "api/call-log/recordings", callLogOnly),
                "ReadCallRecordings",
                NOT_GRANTED,
                "Permission ReadCallRecordings is not granted");
    }

    @Test
    void permissionAndFeature_bothMustHold() {
        String both = SuiteSimulator.user(u -> u.grant("OutboundSMS").feature("SMSSending", true));
        String permissionOnly = SuiteSimulator.user(u -> u.grant("OutboundSMS")
                .unavailable(
                        "SMSSending",
                        "ServicePlanLimitation",
                        "The feature is unavailable for the current service plan"));
        String featureOnly = SuiteSimulator.user(u -> u.feature("SMSSending", true));

        assertOk(Http.get(base, "api/sms", both), "sms");
        Problems.assertDenied(
                Http.get(base, "api/sms", permissionOnly),
                "SMSSending",
                "ServicePlanLimitation",
                "The feature is unavailable for the current service plan");
        Problems.assertDenied(
                Http.get(base, "api/sms", featureOnly),
                "OutboundSMS",
                NOT_GRANTED,
                "Permission OutboundSMS is not granted");
    }

    @Test
    void targetExtension_isTakenFromThePathParameter() {
        String self = SuiteSimulator.user(u -> u.grant("ReadMessages"));
        String own = RC.user(self).extensionId();
        String admin = SuiteSimulator.user(u -> u.grant(Permission.of("ReadMessages", "1", "AllExtensions")));

        assertOk(Http.get(base, "api/users/" + own + "/messages", self), "messages of " + own);
        Problems.assertDenied(
                Http.get(base, "api/users/400999000111/messages", self),
                "ReadMessages",
                NOT_GRANTED,
                "Permission ReadMessages is not granted");
        assertOk(Http.get(base, "api/users/400999000111/messages", admin), "messages of 400999000111");
        assertThat(RC.counters().calls(Endpoint.PERMISSION_CHECK, admin, "ReadMessages"))
                .isEqualTo(1);
    }

    private static void assertOk(Reply reply, String body) {
        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        assertThat(reply.body()).isEqualTo(body);
    }
}
