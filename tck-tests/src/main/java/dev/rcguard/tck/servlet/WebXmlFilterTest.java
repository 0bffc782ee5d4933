package dev.rcguard.tck.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rcguard.simulator.Endpoint;
import dev.rcguard.tck.servlet.fixture.MessagesServlet;
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

/** {@code RingCentralPermissionFilter} declared in {@code web.xml} in front of a plain servlet. */
@ExtendWith(ArquillianExtension.class)
class WebXmlFilterTest {

    static final String WEB_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                <filter>
                    <filter-name>messages</filter-name>
                    <filter-class>dev.rcguard.servlet.RingCentralPermissionFilter</filter-class>
                    <init-param><param-name>permissions</param-name><param-value>ReadMessages</param-value></init-param>
                    <init-param><param-name>features</param-name><param-value>SMSSending</param-value></init-param>
                </filter>
                <filter-mapping>
                    <filter-name>messages</filter-name>
                    <url-pattern>/messages/*</url-pattern>
                </filter-mapping>
                <servlet>
                    <servlet-name>messages</servlet-name>
                    <servlet-class>dev.rcguard.tck.servlet.fixture.MessagesServlet</servlet-class>
                </servlet>
                <servlet-mapping>
                    <servlet-name>messages</servlet-name>
                    <url-pattern>/messages/*</url-pattern>
                </servlet-mapping>
            </web-app>
            """;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.servlet("web-xml-filter", WEB_XML).addClass(MessagesServlet.class);
    }

    @ArquillianResource
    URL base;

    @Test
    void letsTheServletRun_whenPermissionAndFeatureAreGranted() {
        String token = SuiteSimulator.user(u -> u.grant("ReadMessages").feature("SMSSending", true));

        Reply reply = Http.get(base, "messages/inbox", token);

        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("servlet messages");
        assertThat(SuiteSimulator.get().counters().calls(Endpoint.PERMISSION_CHECK, token, "ReadMessages"))
                .isEqualTo(1);
        assertThat(SuiteSimulator.get().counters().calls(Endpoint.FEATURES, token, "SMSSending"))
                .isEqualTo(1);
    }

    @Test
    void answers403WithRingCentralsReason_whenTheFeatureIsUnavailable() {
        String token = SuiteSimulator.user(u -> u.grant("ReadMessages")
                .unavailable("SMSSending", "AccountLimitation", "The feature is turned off for the account"));

        Problems.assertDenied(
                Http.get(base, "messages/inbox", token),
                "SMSSending",
                "AccountLimitation",
                "The feature is turned off for the account");
    }

    @Test
    void answers403_whenThePermissionIsNotGranted() {
        String token = SuiteSimulator.user(u -> u.feature("SMSSending", true));

        Problems.assertDenied(
                Http.get(base, "messages/inbox", token),
                "ReadMessages",
                "InsufficientPermissions",
                "Permission ReadMessages is not granted");
    }

    @Test
    void answers401_whenNoTokenIsSent() {
        Problems.assertNoToken(Http.anonymous(base, "messages/inbox"));
    }
}
