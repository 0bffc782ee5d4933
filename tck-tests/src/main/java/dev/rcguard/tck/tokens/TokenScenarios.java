package dev.rcguard.tck.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rcguard.servlet.RingCentralPermissionFilter;
import dev.rcguard.simulator.Endpoint;
import dev.rcguard.simulator.Fault;
import dev.rcguard.simulator.OAuthGrant;
import dev.rcguard.tck.servlet.fixture.MessagesServlet;
import dev.rcguard.tck.support.Browser;
import dev.rcguard.tck.support.Deployments;
import dev.rcguard.tck.support.Libraries;
import dev.rcguard.tck.support.Reply;
import dev.rcguard.tck.support.SuiteSimulator;
import dev.rcguard.tck.support.SuiteSimulator.SignedIn;
import dev.rcguard.tck.tokens.fixture.CallLogService;
import dev.rcguard.tck.tokens.fixture.InboxResource;
import dev.rcguard.tck.tokens.fixture.LoginServlet;
import dev.rcguard.tck.tokens.fixture.TokensApplication;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * One application whose users' tokens live in the HTTP session (its login put them there), guarded three ways: the
 * {@code web.xml} filter on {@code /reports/*}, the JAX-RS filter on {@code /api/inbox/messages}, the CDI interceptor
 * on the service behind {@code /api/inbox/calls}.
 */
final class TokenScenarios {

    static final String WEB_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                <filter>
                    <filter-name>reports</filter-name>
                    <filter-class>dev.rcguard.servlet.RingCentralPermissionFilter</filter-class>
                    <init-param><param-name>permissions</param-name><param-value>ReadMessages</param-value></init-param>
                </filter>
                <filter-mapping>
                    <filter-name>reports</filter-name>
                    <url-pattern>/reports/*</url-pattern>
                </filter-mapping>
                <servlet>
                    <servlet-name>reports</servlet-name>
                    <servlet-class>dev.rcguard.tck.servlet.fixture.MessagesServlet</servlet-class>
                </servlet>
                <servlet-mapping>
                    <servlet-name>reports</servlet-name>
                    <url-pattern>/reports/*</url-pattern>
                </servlet-mapping>
                <servlet>
                    <servlet-name>login</servlet-name>
                    <servlet-class>dev.rcguard.tck.tokens.fixture.LoginServlet</servlet-class>
                </servlet>
                <servlet-mapping>
                    <servlet-name>login</servlet-name>
                    <url-pattern>/login</url-pattern>
                </servlet-mapping>
            </web-app>
            """;

    /** The three guarded paths: the filter's, the JAX-RS filter's, the interceptor's. */
    static final List<String> GUARDED = List.of("reports/daily", "api/inbox/messages", "api/inbox/calls");

    /** What each guarded path answers when it lets the request through. */
    static final Map<String, String> BODIES = Map.of(
            "reports/daily",
            "servlet messages",
            "api/inbox/messages",
            "jax-rs messages",
            "api/inbox/calls",
            "cdi calls");

    private TokenScenarios() {}

    static WebArchive war(String name, Map<String, String> settings) {
        return Deployments.cdi(name, settings)
                .addAsLibrary(Libraries.jarOf(RingCentralPermissionFilter.class, "rcguard-servlet"))
                .setWebXML(new StringAsset(WEB_XML))
                .addClasses(
                        MessagesServlet.class,
                        LoginServlet.class,
                        TokensApplication.class,
                        InboxResource.class,
                        CallLogService.class);
    }

    /** The session's token answer refreshed on expiry with the app's credentials (the simulator's client). */
    static WebArchive refreshingWar(String name) {
        return war(
                name,
                Map.of(
                        "rcguard.token-source", "session-attribute:rc.tokens",
                        "rcguard.client-id", SuiteSimulator.get().clientId(),
                        "rcguard.client-secret", SuiteSimulator.get().clientSecret()));
    }

    /** A browser whose session holds a freshly signed-in user's tokens, granted both permissions. */
    static Browser signedIn(URL base, SignedIn tokens) {
        Browser browser = new Browser(base);
        Reply login =
                browser.send("POST", "login?token=" + tokens.accessToken() + "&refresh=" + tokens.refreshToken(), null);
        assertThat(login.status()).isEqualTo(204);
        return browser;
    }

    static void anExpiryUnder32ConcurrentRequests_isOneRefresh_andEveryRequestAnswersAsBefore(URL base)
            throws Exception {
        SignedIn tokens = SuiteSimulator.signIn(u -> u.grant("ReadMessages").grant("ReadCallLog"));
        Browser browser = signedIn(base, tokens);
        // The token works; the guard keeps this ReadCallLog grant for reuse, but has nothing for ReadMessages, so the
        // ReadMessages checks below must go to RingCentral and meet the expiry.
        assertThat(browser.send("GET", "api/inbox/calls", null).status()).isEqualTo(200);
        SuiteSimulator.get().expireToken(tokens.accessToken());
        long refreshes = SuiteSimulator.get().counters().tokenCalls(OAuthGrant.REFRESH_TOKEN);

        List<Reply> replies = concurrently(32, i -> browser.send("GET", GUARDED.get(i % GUARDED.size()), null));

        for (int i = 0; i < replies.size(); i++) {
            Reply reply = replies.get(i);
            String path = GUARDED.get(i % GUARDED.size());
            assertThat(reply.status()).as("%s %s", path, reply).isEqualTo(200);
            assertThat(reply.body()).isEqualTo(BODIES.get(path));
        }
        assertThat(SuiteSimulator.get().counters().tokenCalls(OAuthGrant.REFRESH_TOKEN) - refreshes)
                .as("refresh calls")
                .isEqualTo(1);
        for (String path : GUARDED) { // and after: the session holds the new token
            assertThat(browser.send("GET", path, null).status()).as(path).isEqualTo(200);
        }
        assertThat(SuiteSimulator.get().counters().tokenCalls(OAuthGrant.REFRESH_TOKEN) - refreshes)
                .isEqualTo(1);
    }

    static void aRevokedRefreshToken_isTheDocumented401FromEveryAdapter_afterOneRefreshCall(URL base) {
        SignedIn tokens = SuiteSimulator.signIn(u -> u.grant("ReadMessages").grant("ReadCallLog"));
        Browser browser = signedIn(base, tokens);
        SuiteSimulator.get().revokeRefreshTokens(SuiteSimulator.get().user(tokens.accessToken()));
        SuiteSimulator.get().expireToken(tokens.accessToken());
        long refreshes = SuiteSimulator.get().counters().tokenCalls(OAuthGrant.REFRESH_TOKEN);

        for (String path : GUARDED) {
            assertExpired401(browser.send("GET", path, null), path, tokens);
        }
        assertThat(SuiteSimulator.get().counters().tokenCalls(OAuthGrant.REFRESH_TOKEN) - refreshes)
                .as("one refresh call, refused, and no other")
                .isEqualTo(1);
    }

    static void aFailingTokenEndpoint_is401FromEveryAdapter_withoutALoop(URL base) {
        SignedIn tokens = SuiteSimulator.signIn(u -> u.grant("ReadMessages").grant("ReadCallLog"));
        Browser browser = signedIn(base, tokens);
        SuiteSimulator.get().expireToken(tokens.accessToken());
        long refreshes = SuiteSimulator.get().counters().tokenCalls(OAuthGrant.REFRESH_TOKEN);
        SuiteSimulator.get()
                .inject(
                        Endpoint.OAUTH_TOKEN,
                        Fault.status(503, "{\"errorCode\":\"CMN-201\",\"message\":\"Service Temporary Unavailable\"}"));
        try {
            for (String path : GUARDED) {
                assertExpired401(browser.send("GET", path, null), path, tokens);
            }
        } finally {
            SuiteSimulator.get().clearFaults();
        }
        assertThat(SuiteSimulator.get().counters().tokenCalls(OAuthGrant.REFRESH_TOKEN) - refreshes)
                .as("one refresh call, failed, and no other")
                .isEqualTo(1);
    }

    /** RingCentral's 401 for an expired token, as the guard documents it, with no token in it. */
    private static void assertExpired401(Reply reply, String path, SignedIn tokens) {
        assertThat(reply.status()).as("%s %s", path, reply).isEqualTo(401);
        assertThat(reply.header("WWW-Authenticate"))
                .as(path)
                .startsWith("Bearer realm=\"RingCentral\", error=\"invalid_token\"");
        assertThat(reply.header("Content-Type")).as(path).startsWith("application/problem+json");
        assertThat(reply.body())
                .as(path)
                .contains("\"status\":401")
                .contains("OAU-128")
                .doesNotContain(tokens.accessToken())
                .doesNotContain(tokens.refreshToken());
    }

    private static List<Reply> concurrently(int requests, IntFunction<Reply> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Reply>> futures = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return request.apply(index);
                }));
            }
            start.countDown();
            List<Reply> replies = new ArrayList<>();
            for (Future<Reply> future : futures) {
                replies.add(future.get(120, TimeUnit.SECONDS));
            }
            return replies;
        } finally {
            pool.shutdownNow();
        }
    }

    static void everyAdapterReadsTheSessionsToken(URL base) {
        String token = SuiteSimulator.user(u -> u.grant("ReadMessages").grant("ReadCallLog"));
        Browser browser = new Browser(base);
        assertThat(browser.send("POST", "login?token=" + token, null).status()).isEqualTo(204);

        Reply report = browser.send("GET", "reports/daily", null);
        Reply messages = browser.send("GET", "api/inbox/messages", null);
        Reply calls = browser.send("GET", "api/inbox/calls", null);

        assertThat(report.status()).as("%s", report).isEqualTo(200);
        assertThat(report.body()).isEqualTo("servlet messages");
        assertThat(messages.status()).as("%s", messages).isEqualTo(200);
        assertThat(messages.body()).isEqualTo("jax-rs messages");
        assertThat(calls.status()).as("%s", calls).isEqualTo(200);
        assertThat(calls.body()).isEqualTo("cdi calls");
        assertThat(SuiteSimulator.get().counters().callsWithToken(token)).isPositive();
    }

    static void aSessionTokenWithoutThePermission_is403FromEveryAdapter(URL base) {
        String token = SuiteSimulator.user(u -> u.grant("ReadMessages"));
        Browser browser = new Browser(base);
        browser.send("POST", "login?token=" + token, null);

        for (String path : List.of("reports/daily", "api/inbox/messages")) {
            Reply granted = browser.send("GET", path, null);
            assertThat(granted.status()).as("%s %s", path, granted).isEqualTo(200);
        }
        Reply denied = browser.send("GET", "api/inbox/calls", null);
        assertThat(denied.status()).as("%s", denied).isEqualTo(403);
        assertThat(denied.header("Content-Type")).startsWith("application/problem+json");
        assertThat(denied.body()).contains("\"permission\":\"ReadCallLog\"").doesNotContain(token);
    }

    static void theHeaderDoesNotReplaceTheSource_withoutASessionEveryAdapterAnswers401(URL base) {
        String token = SuiteSimulator.user(u -> u.grant("ReadMessages").grant("ReadCallLog"));
        long calls = SuiteSimulator.get().counters().callsWithToken(token);
        Browser browser = new Browser(base);

        for (String path : GUARDED) {
            Reply refused = browser.send("GET", path, "Bearer " + token);
            assertThat(refused.status()).as("%s %s", path, refused).isEqualTo(401);
            assertThat(refused.header("WWW-Authenticate")).as(path).isEqualTo("Bearer realm=\"RingCentral\"");
            assertThat(refused.body()).as(path).contains("\"status\":401").doesNotContain(token);
        }
        assertThat(SuiteSimulator.get().counters().callsWithToken(token)).isEqualTo(calls);
    }
}
