package dev.rcguard.tck.tokens;

import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Refresh on expiry through every adapter: the session holds RingCentral's token answer, the application has its
 * OAuth credentials ({@code rcguard.client-id}, {@code rcguard.client-secret}).
 */
@ExtendWith(ArquillianExtension.class)
class RefreshTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TokenScenarios.refreshingWar("refreshing-tokens");
    }

    @ArquillianResource
    URL base;

    @Test
    void anExpiryUnder32ConcurrentRequests_isOneRefresh_andEveryRequestAnswersAsBefore() throws Exception {
        TokenScenarios.anExpiryUnder32ConcurrentRequests_isOneRefresh_andEveryRequestAnswersAsBefore(base);
    }

    @Test
    void aRevokedRefreshToken_isTheDocumented401FromEveryAdapter() {
        TokenScenarios.aRevokedRefreshToken_isTheDocumented401FromEveryAdapter_afterOneRefreshCall(base);
    }

    @Test
    void aFailingTokenEndpoint_is401FromEveryAdapter_withoutALoop() {
        TokenScenarios.aFailingTokenEndpoint_is401FromEveryAdapter_withoutALoop(base);
    }
}
