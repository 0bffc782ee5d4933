package dev.rcguard.tck.tokens;

import dev.rcguard.tck.tokens.fixture.SessionTokens;
import java.net.URL;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The session as the token source by a CDI bean ({@code AccessTokenResolver}): the {@code web.xml} filter asks the
 * same bean as the JAX-RS filter and the interceptor.
 */
@ExtendWith(ArquillianExtension.class)
class ResolverBeanTokenTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TokenScenarios.war("resolver-bean-tokens", Map.of()).addClass(SessionTokens.class);
    }

    @ArquillianResource
    URL base;

    @Test
    void theFilterTheJaxRsFilterAndTheInterceptor_allAskTheBean() {
        TokenScenarios.everyAdapterReadsTheSessionsToken(base);
    }

    @Test
    void aSessionTokenWithoutAPermission_is403() {
        TokenScenarios.aSessionTokenWithoutThePermission_is403FromEveryAdapter(base);
    }

    @Test
    void theBeanBeatsTheHeader_withoutASessionEveryAdapterAnswers401() {
        TokenScenarios.theHeaderDoesNotReplaceTheSource_withoutASessionEveryAdapterAnswers401(base);
    }
}
