package dev.rcguard.tck.reportonly;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rcguard.tck.cdi.fixture.AuditLog;
import dev.rcguard.tck.cdi.fixture.AuditResource;
import dev.rcguard.tck.jaxrs.fixture.GuardedApplication;
import dev.rcguard.tck.jaxrs.fixture.MessagesResource;
import dev.rcguard.tck.support.Deployments;
import dev.rcguard.tck.support.Http;
import dev.rcguard.tck.support.Reply;
import dev.rcguard.tck.support.SuiteSimulator;
import java.net.URL;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code rcguard.mode=report-only}: every check is made and reported, but a refusal lets the request through. */
@ExtendWith(ArquillianExtension.class)
class ReportOnlyModeTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.cdi("report-only", Map.of("rcguard.mode", "report-only"))
                .addClasses(GuardedApplication.class, MessagesResource.class, AuditLog.class, AuditResource.class);
    }

    @ArquillianResource
    URL base;

    @Test
    void letsADeniedRequestThrough_andReportsTheDenialAsNotEnforced() {
        String token = SuiteSimulator.user(u -> u.grant("ReadCallLog"));

        Reply reply = Http.get(base, "api/messages", token);

        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("messages");
        assertThat(SuiteSimulator.get().counters().calls(token, "ReadMessages")).isEqualTo(1);
        assertThat(Http.anonymous(base, "api/audit").body())
                .contains("GET /messages | DENIED | InsufficientPermissions | enforced=false");
    }
}
