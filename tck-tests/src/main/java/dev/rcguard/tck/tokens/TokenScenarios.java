package dev.rcguard.tck.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rcguard.servlet.RingCentralPermissionFilter;
import dev.rcguard.tck.servlet.fixture.MessagesServlet;
import dev.rcguard.tck.support.Browser;
import dev.rcguard.tck.support.Deployments;
import dev.rcguard.tck.support.Libraries;
import dev.rcguard.tck.support.Reply;
import dev.rcguard.tck.support.SuiteSimulator;
import dev.rcguard.tck.tokens.fixture.CallLogService;
import dev.rcguard.tck.tokens.fixture.InboxResource;
import dev.rcguard.tck.tokens.fixture.LoginServlet;
import dev.rcguard.tck.tokens.fixture.TokensApplication;
import java.net.URL;
import java.util.List;
import java.util.Map;
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
