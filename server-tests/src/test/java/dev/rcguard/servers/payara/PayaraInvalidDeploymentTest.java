package dev.rcguard.servers.payara;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rcguard.InvalidRequirementException;
import dev.rcguard.servers.fixture.GuardedApplication;
import dev.rcguard.servers.fixture.MessagesResource;
import dev.rcguard.servers.fixture.PingResource;
import dev.rcguard.servers.fixture.invalid.BlankIdService;
import dev.rcguard.servers.fixture.invalid.UnknownPlaceholderResource;
import dev.rcguard.servers.support.Http;
import dev.rcguard.servers.support.Reply;
import dev.rcguard.servers.support.Wars;
import dev.rcguard.simulator.RateLimits;
import dev.rcguard.simulator.RingCentralSimulator;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The TCK's invalid deployments on a real Payara Micro, whose Arquillian adapter cannot report a failed deployment:
 * each invalid WAR is booted next to a valid control WAR; the control is served, the invalid WAR never is, and the
 * log names the class, the method and the problem.
 */
class PayaraInvalidDeploymentTest {

    private static final String READER = "payara-reader-token";

    private static RingCentralSimulator simulator;

    @BeforeAll
    static void startSimulator() {
        simulator = RingCentralSimulator.builder()
                .rateLimits(RateLimits.disabled())
                .user(u -> u.token(READER).grant("ReadMessages"))
                .start();
    }

    @AfterAll
    static void stopSimulator() {
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void blankPermissionId_failsTheDeployment_whichIsNeverServed() {
        WebArchive invalid = war("blank-id").addClass(BlankIdService.class);

        try (PayaraMicro payara = PayaraMicro.start("payara-blank-id", control(), invalid)) {
            assertControlServed(payara);
            assertNotFound(payara, "/blank-id/api/ping");
            assertDeploymentFailed(
                    payara,
                    BlankIdService.class.getName() + "#read: invalid RingCentral requirement: malformed id ' '");
            assertThat(payara.process().nonLoopbackListeners()).isEmpty();
        }
    }

    @Test
    void targetExtensionNamingNoPathParameter_failsTheDeployment_whichIsNeverServed() {
        WebArchive invalid = war("unknown-placeholder").addClass(UnknownPlaceholderResource.class);

        try (PayaraMicro payara = PayaraMicro.start("payara-unknown-placeholder", control(), invalid)) {
            assertControlServed(payara);
            assertNotFound(payara, "/unknown-placeholder/api/ping");
            assertNotFound(payara, "/unknown-placeholder/api/users/400100200301");
            assertDeploymentFailed(
                    payara,
                    UnknownPlaceholderResource.class.getName()
                            + "#read: targetExtension '{userId}' names no parameter of the method");
            assertThat(payara.process().nonLoopbackListeners()).isEmpty();
        }
    }

    /** A WAR with the library, JAX-RS under /api and an unguarded /api/ping that answers if the WAR is deployed. */
    private static WebArchive war(String name) {
        return Wars.onApplicationServer(name, simulator.baseUri().toString())
                .addClasses(GuardedApplication.class, PingResource.class);
    }

    private static WebArchive control() {
        return war("control").addClass(MessagesResource.class);
    }

    /** The server is up and deployed a valid WAR of the same library: the control answers, guarded. */
    private static void assertControlServed(PayaraMicro payara) {
        Reply ping = Http.anonymous(payara.url("/control/api/ping"));
        assertThat(ping.status()).as("%s", ping).isEqualTo(200);
        assertThat(ping.body()).isEqualTo(PingResource.BODY);

        Reply guarded = Http.get(payara.url("/control/api/messages"), READER);
        assertThat(guarded.status()).as("%s", guarded).isEqualTo(200);
        assertThat(guarded.body()).isEqualTo(MessagesResource.BODY);
    }

    /** Payara's log says the deployment failed, with the library's exception naming class, method and problem. */
    private static void assertDeploymentFailed(PayaraMicro payara, String message) {
        String log = payara.process().consoleText();
        assertThat(log).as("Payara's log").contains("Exception while loading the app");
        assertThat(log.lines())
                .as("Payara's log")
                .anyMatch(line -> line.startsWith(InvalidRequirementException.class.getName() + ": " + message));
    }

    private static void assertNotFound(PayaraMicro payara, String path) {
        Reply reply = Http.get(payara.url(path), READER);
        assertThat(reply.status()).as("%s %s", path, reply).isEqualTo(404);
        assertThat(reply.body()).doesNotContain(PingResource.BODY).doesNotContain("never");
    }
}
