package dev.rcguard.tck.liberty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.fail;

import dev.rcguard.tck.jaxrs.fixture.GuardedApplication;
import dev.rcguard.tck.jaxrs.fixture.MessagesResource;
import dev.rcguard.tck.servlet.fixture.MessagesServlet;
import dev.rcguard.tck.support.Deployments;
import dev.rcguard.tck.support.Http;
import dev.rcguard.tck.support.Reply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Open Liberty with {@code jakartaee-10.0} and no MicroProfile (the server {@code rcguard-ee-only}, run only by
 * {@code -Pliberty}): a guarded WAR must not start. It has to fail its deployment with one message that starts with
 * {@value #PREFIX}, names MicroProfile Rest Client and {@value #REST_CLIENT_BUILDER}, and says how to add it on Liberty
 * ({@value #LIBERTY_FEATURE} in server.xml); nothing of the WAR is ever served. Deploying and then answering every
 * guarded request with 500 (the behaviour a user reported) fails this test, and its message shows that answer.
 */
@ExtendWith(ArquillianExtension.class)
class LibertyWithoutMicroProfileTest {

    static final String PREFIX = "RingCentral guard cannot start:";
    static final String REST_CLIENT_BUILDER = "org.eclipse.microprofile.rest.client.RestClientBuilder";
    static final String LIBERTY_FEATURE = "mpRestClient-3.0";

    /** The server of the {@code liberty-ee-only} qualifier in arquillian.xml. */
    static final String SERVER = "rcguard-ee-only";

    static final int HTTP_PORT = 19180;

    static final String ANNOTATED = "no-mp-annotated";
    static final String FILTERED = "no-mp-filtered";

    static final String WEB_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
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
            </web-app>
            """;

    @Deployment(name = ANNOTATED, managed = false, testable = false)
    static WebArchive annotated() {
        return Deployments.cdi(ANNOTATED).addClasses(GuardedApplication.class, MessagesResource.class);
    }

    @Deployment(name = FILTERED, managed = false, testable = false)
    static WebArchive filtered() {
        return Deployments.servlet(FILTERED, WEB_XML).addClass(MessagesServlet.class);
    }

    @ArquillianResource
    Deployer deployer;

    @Test
    void annotatedResource_failsTheDeployment_namingMicroProfileRestClientAndTheLibertyFeature() {
        assertRefusesToStart(ANNOTATED, "api/messages");
    }

    @Test
    void webXmlFilter_failsTheDeployment_namingMicroProfileRestClientAndTheLibertyFeature() {
        assertRefusesToStart(FILTERED, "messages/inbox");
    }

    private void assertRefusesToStart(String deployment, String guardedPath) {
        URL base = base(deployment);
        long logBefore = messagesLogSize();
        Throwable failure = catchThrowable(() -> deployer.deploy(deployment));
        try {
            if (failure == null) {
                Reply reply = Http.get(base, guardedPath, "tck-no-microprofile");
                fail(
                        "%s deployed on Liberty without MicroProfile Rest Client; expected the deployment to fail with"
                                + " '%s ...'. GET %s then answered: %s",
                        deployment, PREFIX, guardedPath, reply);
            }
            assertThat(failure)
                    .as("how the Liberty adapter reports a WAR that did not start")
                    .isInstanceOf(DeploymentException.class);

            List<String> lines = messagesLogSince(logBefore).stream()
                    .filter(line -> line.contains(PREFIX))
                    .toList();
            assertThat(lines)
                    .as("lines of %s's messages.log since deploying %s that carry '%s'", SERVER, deployment, PREFIX)
                    .isNotEmpty();
            String message = lines.get(0).substring(lines.get(0).indexOf(PREFIX));
            assertThat(message)
                    .as("the guard's start-up message")
                    .contains("MicroProfile Rest Client", REST_CLIENT_BUILDER, LIBERTY_FEATURE);

            Reply reply = Http.get(base, guardedPath, "tck-no-microprofile");
            assertThat(reply.status())
                    .as("GET %s after the failed deployment: %s", guardedPath, reply)
                    .isEqualTo(404);
        } finally {
            undeployQuietly(deployment);
        }
    }

    private void undeployQuietly(String deployment) {
        try {
            deployer.undeploy(deployment);
        } catch (RuntimeException e) { // a deployment that failed may be gone already
            System.err.println("Undeploying " + deployment + ": " + e);
        }
    }

    private static URL base(String deployment) {
        try {
            return new URL("http://127.0.0.1:" + HTTP_PORT + "/" + deployment + "/");
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path messagesLog() {
        String usr = System.getProperty("rcguard.tck.liberty.usr");
        assertThat(usr)
                .as("system property rcguard.tck.liberty.usr (set by -Pliberty)")
                .isNotNull();
        return Path.of(usr, "servers", SERVER, "logs", "messages.log");
    }

    private static long messagesLogSize() {
        try {
            return Files.size(messagesLog());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> messagesLogSince(long offset) {
        try {
            byte[] all = Files.readAllBytes(messagesLog());
            int from = (int) Math.min(offset, all.length);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8)
                    .lines()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
