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
 * The application's own CDI bean as the token source ({@code rcguard.token-source=class:...SessionTokens}): the
 * {@code web.xml} filter asks the same bean as the JAX-RS filter and the interceptor.
 */
@ExtendWith(ArquillianExtension.class)
class BeanTokenSourceTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TokenScenarios.war(
                        "bean-tokens", Map.of("rcguard.token-source", "class:" + SessionTokens.class.getName()))
                .addClass(SessionTokens.class);
    }

    @ArquillianResource
    URL base;

    @Test
    void theFilterTheJaxRsFilterAndTheInterceptor_allAskTheApplicationsBean() {
        TokenScenarios.everyAdapterReadsTheSessionsToken(base);
    }

    @Test
    void withoutASessionEveryAdapterAnswers401_theHeaderDoesNotReplaceTheBean() {
        TokenScenarios.theHeaderDoesNotReplaceTheSource_withoutASessionEveryAdapterAnswers401(base);
    }
}
