package dev.rcguard.tck.tokens;

import java.net.URL;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The session as the token source by configuration: {@code rcguard.token-source=session-attribute:rc.tokens}. */
@ExtendWith(ArquillianExtension.class)
class SessionTokenTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TokenScenarios.war("session-tokens", Map.of("rcguard.token-source", "session-attribute:rc.tokens"));
    }

    @ArquillianResource
    URL base;

    @Test
    void theFilterTheJaxRsFilterAndTheInterceptor_allReadTheSessionsToken() {
        TokenScenarios.everyAdapterReadsTheSessionsToken(base);
    }

    @Test
    void aSessionTokenWithoutAPermission_is403() {
        TokenScenarios.aSessionTokenWithoutThePermission_is403FromEveryAdapter(base);
    }

    @Test
    void theConfiguredSourceBeatsTheHeader_withoutASessionEveryAdapterAnswers401() {
        TokenScenarios.theHeaderDoesNotReplaceTheSource_withoutASessionEveryAdapterAnswers401(base);
    }
}
