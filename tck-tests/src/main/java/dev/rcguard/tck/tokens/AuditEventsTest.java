package dev.rcguard.tck.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rcguard.tck.cdi.fixture.AuditLog;
import dev.rcguard.tck.cdi.fixture.AuditResource;
import dev.rcguard.tck.support.Http;
import dev.rcguard.tck.support.Reply;
import dev.rcguard.tck.support.SuiteSimulator;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One CDI observer of {@code PermissionCheckEvent} sees the checks of every adapter: the {@code web.xml} filter's as
 * well as the JAX-RS filter's and the interceptor's.
 */
@ExtendWith(ArquillianExtension.class)
class AuditEventsTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TokenScenarios.war("audit-events", Map.of()).addClasses(AuditLog.class, AuditResource.class);
    }

    @ArquillianResource
    URL base;

    @Test
    void aCdiObserverSeesTheChecksOfTheFilterTheJaxRsFilterAndTheInterceptor() {
        String token = SuiteSimulator.user(u -> u.grant("ReadMessages"));

        assertThat(Http.get(base, "reports/daily", token).status()).isEqualTo(200);
        assertThat(Http.get(base, "api/inbox/messages", token).status()).isEqualTo(200);
        assertThat(Http.get(base, "api/inbox/calls", token).status()).isEqualTo(403);

        Reply audit = Http.anonymous(base, "api/audit");
        assertThat(audit.status()).isEqualTo(200);
        List<String> lines = List.of(audit.body().split("\n"));
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0))
                .matches("filter 'reports' GET /.*reports/daily \\| GRANTED \\| null \\| enforced=true");
        assertThat(lines.get(1)).isEqualTo("GET /inbox/messages | GRANTED | null | enforced=true");
        assertThat(lines.get(2)).endsWith("#calls | DENIED | InsufficientPermissions | enforced=true");
        assertThat(audit.body()).doesNotContain(token);
    }
}
