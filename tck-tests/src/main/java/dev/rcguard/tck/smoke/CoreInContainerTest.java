package dev.rcguard.tck.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rcguard.tck.smoke.fixture.DirectGuardResource;
import dev.rcguard.tck.smoke.fixture.SmokeApplication;
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

/**
 * The smallest deployment: core on the classpath, called by hand from a JAX-RS resource. Proves that core works in
 * the server on its own (MicroProfile Config reads the WAR's settings, core's own client reaches the simulator over
 * HTTP) before any adapter is involved.
 */
@ExtendWith(ArquillianExtension.class)
class CoreInContainerTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("core-in-container").addClasses(SmokeApplication.class, DirectGuardResource.class);
    }

    @ArquillianResource
    URL base;

    @Test
    void grantsWhenRingCentralGrants_overRealHttp() {
        String token = SuiteSimulator.user(u -> u.grant("ReadMessages"));

        Reply reply = Http.get(base, "api/direct", token);

        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("messages");
        assertThat(SuiteSimulator.get().counters().calls(token, "ReadMessages")).isEqualTo(1);
    }

    @Test
    void deniesWithTheContractsProblem_whenThePermissionIsNotGranted() {
        String token = SuiteSimulator.user(u -> u.grant("ReadCallLog"));

        Reply reply = Http.get(base, "api/direct", token);

        Problems.assertDenied(
                reply, "ReadMessages", "InsufficientPermissions", "Permission ReadMessages is not granted");
        Problems.assertTokenNotEchoed(reply, token);
    }

    @Test
    void answers401WithoutCallingRingCentral_whenNoTokenIsSent() {
        long before = SuiteSimulator.get().counters().total();

        Reply reply = Http.anonymous(base, "api/direct");

        Problems.assertNoToken(reply);
        assertThat(SuiteSimulator.get().counters().total()).isEqualTo(before);
    }
}
