package dev.rcguard.tck.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rcguard.simulator.Endpoint;
import dev.rcguard.simulator.RingCentralSimulator;
import dev.rcguard.tck.cdi.fixture.AuditLog;
import dev.rcguard.tck.cdi.fixture.AuditResource;
import dev.rcguard.tck.cdi.fixture.MailboxResource;
import dev.rcguard.tck.cdi.fixture.MailboxService;
import dev.rcguard.tck.cdi.fixture.ServiceApplication;
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
 * The CDI interceptor on a service bean, its refusal rendered by the exception mapper; one upstream call per id per
 * request across the JAX-RS filter and the interceptor; and the audit event seen by an application bean.
 */
@ExtendWith(ArquillianExtension.class)
class ServiceBeanInterceptorTest {

    private static final RingCentralSimulator RC = SuiteSimulator.get();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.cdi("service-bean")
                .addClasses(
                        ServiceApplication.class,
                        MailboxResource.class,
                        MailboxService.class,
                        AuditLog.class,
                        AuditResource.class);
    }

    @ArquillianResource
    URL base;

    @Test
    void interceptorLetsTheServiceRun_whenGranted() {
        String token = SuiteSimulator.user(u -> u.grant("ReadMessages"));

        Reply reply = Http.get(base, "api/mailbox/unguarded", token);

        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("mail");
    }

    @Test
    void interceptorRefusal_becomesTheSameProblemResponse() {
        String token = SuiteSimulator.user(u -> u.grant("ReadCallLog"));

        Reply reply = Http.get(base, "api/mailbox/unguarded", token);

        Problems.assertDenied(
                reply, "ReadMessages", "InsufficientPermissions", "Permission ReadMessages is not granted");
    }

    @Test
    void interceptorRefusal_withoutToken_is401() {
        Problems.assertNoToken(Http.anonymous(base, "api/mailbox/unguarded"));
    }

    @Test
    void oneUpstreamCallPerIdPerRequest_acrossFilterAndInterceptors() {
        String token = SuiteSimulator.user(u -> u.grant("ReadMessages"));

        Reply reply = Http.get(base, "api/mailbox/guarded-twice", token);

        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("mail+mail");
        assertThat(RC.counters().calls(Endpoint.PERMISSION_CHECK, token, "ReadMessages"))
                .as("the JAX-RS filter, the interceptor on the resource and two on the service share one answer")
                .isEqualTo(1);

        Http.get(base, "api/mailbox/guarded-twice", token);
        assertThat(RC.counters().calls(Endpoint.PERMISSION_CHECK, token, "ReadMessages"))
                .as("nothing outlives the request: the next one asks again")
                .isEqualTo(2);
    }

    @Test
    void auditEvent_isObservedByAnApplicationBean_withoutTheToken() {
        String token = SuiteSimulator.user(u -> u.grant("ReadCallLog"));
        Http.get(base, "api/mailbox/unguarded", token);

        Reply audit = Http.anonymous(base, "api/audit");

        assertThat(audit.status()).isEqualTo(200);
        assertThat(audit.body())
                .contains(MailboxService.class.getName() + "#read | DENIED | InsufficientPermissions | enforced=true")
                .doesNotContain(token);
    }
}
