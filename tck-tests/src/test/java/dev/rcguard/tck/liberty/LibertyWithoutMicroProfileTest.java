package dev.rcguard.tck.liberty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rcguard.tck.jaxrs.fixture.GuardedApplication;
import dev.rcguard.tck.jaxrs.fixture.MessagesResource;
import dev.rcguard.tck.servlet.fixture.MessagesServlet;
import dev.rcguard.tck.support.Deployments;
import dev.rcguard.tck.support.Http;
import dev.rcguard.tck.support.Problems;
import dev.rcguard.tck.support.Reply;
import dev.rcguard.tck.support.SuiteSimulator;
import java.net.MalformedURLException;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Open Liberty with {@code jakartaee-10.0} and no MicroProfile (the server {@code rcguard-ee-only}, run only by
 * {@code -Pliberty}): the guard needs nothing beyond Jakarta EE, so a guarded JAX-RS resource and a {@code web.xml}
 * filter answer as documented, configured by a {@code <context-param>} (there is no MicroProfile Config to read
 * {@code microprofile-config.properties}). Before the guard had its own HTTP client, such a WAR deployed and answered
 * every guarded request 500 ({@code RestClientBuilder} missing).
 */
@ExtendWith(ArquillianExtension.class)
class LibertyWithoutMicroProfileTest {

    /** The server of the {@code liberty-ee-only} qualifier in arquillian.xml. */
    static final String SERVER = "rcguard-ee-only";

    static final int HTTP_PORT = 19180;

    static final String ANNOTATED = "no-mp-annotated";
    static final String FILTERED = "no-mp-filtered";

    /** The application's settings, as a user without MicroProfile Config gives them. */
    static String contextParams() {
        return "<context-param><param-name>rcguard.server-url</param-name><param-value>" + SuiteSimulator.baseUri()
                + "</param-value></context-param>";
    }

    static String webXml(String body) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                """ + contextParams() + body + "</web-app>\n";
    }

    static final String FILTER = """
            <filter>
                <filter-name>messages</filter-name>
                <filter-class>dev.rcguard.servlet.RingCentralPermissionFilter</filter-class>
                <init-param><param-name>permissions</param-name><param-value>ReadMessages</param-value></init-param>
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
            """;

    @Deployment(name = ANNOTATED, managed = false, testable = false)
    static WebArchive annotated() {
        return Deployments.cdi(ANNOTATED)
                .addClasses(GuardedApplication.class, MessagesResource.class)
                .setWebXML(new StringAsset(webXml("")));
    }

    @Deployment(name = FILTERED, managed = false, testable = false)
    static WebArchive filtered() {
        return Deployments.servlet(FILTERED, webXml(FILTER)).addClass(MessagesServlet.class);
    }

    @ArquillianResource
    Deployer deployer;

    @Test
    void annotatedResource_grantsAndDenies_withoutMicroProfile() {
        assertGuards(ANNOTATED, "api/messages", "messages");
    }

    @Test
    void webXmlFilter_grantsAndDenies_withoutMicroProfile() {
        assertGuards(FILTERED, "messages/inbox", "servlet messages");
    }

    private void assertGuards(String deployment, String guardedPath, String body) {
        String reader = SuiteSimulator.user(u -> u.grant("ReadMessages"));
        String stranger = SuiteSimulator.user(u -> {});
        deployer.deploy(deployment);
        try {
            Reply granted = Http.get(base(deployment), guardedPath, reader);
            Reply denied = Http.get(base(deployment), guardedPath, stranger);
            Reply anonymous = Http.get(base(deployment), guardedPath, null);

            assertThat(granted.status()).as("granted: %s", granted).isEqualTo(200);
            assertThat(granted.body()).isEqualTo(body);
            Problems.assertDenied(
                    denied, "ReadMessages", "InsufficientPermissions", "Permission ReadMessages is not granted");
            Problems.assertNoToken(anonymous);
            assertThat(SuiteSimulator.get().counters().calls(reader, "ReadMessages"))
                    .isEqualTo(1);
        } finally {
            deployer.undeploy(deployment);
        }
    }

    private static URL base(String deployment) {
        try {
            return new URL("http://127.0.0.1:" + HTTP_PORT + "/" + deployment + "/");
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }
}
