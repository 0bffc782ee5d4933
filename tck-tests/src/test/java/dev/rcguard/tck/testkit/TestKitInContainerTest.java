package dev.rcguard.tck.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rcguard.simulator.Endpoint;
import dev.rcguard.tck.jaxrs.fixture.GuardedApplication;
import dev.rcguard.tck.jaxrs.fixture.MessagesResource;
import dev.rcguard.tck.support.Deployments;
import dev.rcguard.tck.support.Http;
import dev.rcguard.tck.support.Reply;
import dev.rcguard.testkit.SimulatedRingCentral;
import dev.rcguard.testkit.WithRingCentralSimulator;
import java.net.URL;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * testkit/README.md's in-container example, run: the test kit's simulator in the test JVM, a WAR on the embedded
 * Jetty whose {@code rcguard.server-url} (in its MicroProfile Config file) points at it, and the JAX-RS resource granted,
 * then revoked. The kit comes first, so the simulator runs before Arquillian asks for the deployment.
 */
@WithRingCentralSimulator
@ExtendWith(ArquillianExtension.class)
class TestKitInContainerTest {

    static SimulatedRingCentral ringCentral;

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.cdi("testkit", Map.of("rcguard.server-url", System.getProperty("rcguard.server-url")))
                .addClasses(GuardedApplication.class, MessagesResource.class);
    }

    @Test
    void grantedIs200_revokedIs403_againstTheKitsSimulator() {
        String token = "alice-" + UUID.randomUUID(); // the WAR's guard is its own: a token no other test used
        ringCentral.addUser(token).grant("ReadMessages");

        Reply granted = Http.get(base, "api/messages", token);
        ringCentral.revoke(token, "ReadMessages");
        Reply revoked = Http.get(base, "api/messages", token);

        assertThat(granted.status()).as("%s", granted).isEqualTo(200);
        assertThat(granted.body()).isEqualTo("messages");
        assertThat(revoked.status()).as("%s", revoked).isEqualTo(403);
        assertThat(revoked.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(revoked.json().getString("type")).isEqualTo("urn:rcguard:permission-denied");
        assertThat(revoked.json().getString("permission")).isEqualTo("ReadMessages");
        assertThat(revoked.json().getJsonObject("reason").getString("code")).isEqualTo("InsufficientPermissions");
        assertThat(ringCentral.counters().calls(Endpoint.PERMISSION_CHECK, token, "ReadMessages"))
                .isEqualTo(2);
    }
}
