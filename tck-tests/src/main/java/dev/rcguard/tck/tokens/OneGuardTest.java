package dev.rcguard.tck.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rcguard.simulator.Endpoint;
import dev.rcguard.simulator.Fault;
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

/**
 * The {@code web.xml} filter and the CDI runtime (JAX-RS filter, interceptor) of one application hold one guard,
 * hence one rate-limit state: a 429 the filter's check met holds the JAX-RS check back too, with no call.
 */
@ExtendWith(ArquillianExtension.class)
class OneGuardTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TokenScenarios.war("one-guard", Map.of());
    }

    @ArquillianResource
    URL base;

    @Test
    void a429MetByTheFilter_holdsTheJaxRsCheckBack() {
        String token = SuiteSimulator.user(u -> u.grant("ReadMessages"));
        SuiteSimulator.get()
                .inject(
                        Endpoint.PERMISSION_CHECK,
                        token,
                        Fault.status(429, "{\"errorCode\":\"CMN-301\",\"message\":\"Request rate exceeded\"}")
                                .withHeader("Retry-After", "30"));

        Reply throughTheFilter = Http.get(base, "reports/daily", token);
        assertThat(throughTheFilter.status()).as("%s", throughTheFilter).isEqualTo(503);
        long calls = SuiteSimulator.get().counters().callsWithToken(token);

        Reply throughJaxRs = Http.get(base, "api/inbox/messages", token);

        assertThat(throughJaxRs.status()).as("%s", throughJaxRs).isEqualTo(503);
        assertThat(throughJaxRs.header("Retry-After")).isNotNull();
        assertThat(throughJaxRs.body()).contains("CMN-301").doesNotContain(token);
        assertThat(SuiteSimulator.get().counters().callsWithToken(token))
                .as("no call: the JAX-RS check knew of the filter's 429")
                .isEqualTo(calls);
    }
}
