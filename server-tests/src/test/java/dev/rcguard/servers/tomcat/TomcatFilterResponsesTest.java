package dev.rcguard.servers.tomcat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rcguard.servers.fixture.AuditTrail;
import dev.rcguard.servers.fixture.MessagesServlet;
import dev.rcguard.servers.support.Http;
import dev.rcguard.servers.support.Reply;
import dev.rcguard.servers.support.Wars;
import dev.rcguard.servers.support.WebXml;
import dev.rcguard.simulator.RateLimits;
import dev.rcguard.simulator.RingCentralSimulator;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The servlet filter in a real Tomcat 10.1, mapped in {@code web.xml}, in a WAR that carries exactly the
 * plain-container dependency list of servlet-filter/README.md: it answers as the table of docs/responses.md says,
 * checked live against the simulator.
 */
class TomcatFilterResponsesTest {

    private static final String READER = "tomcat-reader-token";
    private static final String OUTSIDER = "tomcat-outsider-token";

    private static RingCentralSimulator simulator;
    private static TomcatServer tomcat;

    @BeforeAll
    static void deploy() {
        simulator = RingCentralSimulator.builder()
                .rateLimits(RateLimits.disabled())
                .user(u -> u.token(READER).extensionId("1001").grant("ReadMessages"))
                .user(u -> u.token(OUTSIDER).extensionId("1002"))
                .start();
        String webXml = WebXml.create()
                .contextParam("rcguard.server-url", simulator.baseUri().toString())
                .filter("messages", "/messages/*", Map.of("permissions", "ReadMessages"))
                .servlet("messages", MessagesServlet.class, "/messages/*")
                .servlet("audit", AuditTrail.Servlet.class, "/audit")
                .toString();
        tomcat = TomcatServer.start("tomcat-responses"); // @AfterAll runs even if this throws
        tomcat.deploy(
                "/plain",
                Wars.plainContainer("plain", webXml)
                        .addClasses(MessagesServlet.class, AuditTrail.class, AuditTrail.Servlet.class)
                        .addAsResource(
                                new StringAsset(AuditTrail.class.getName()),
                                "META-INF/services/dev.rcguard.PermissionCheckListener"));
    }

    @AfterAll
    static void stop() {
        try {
            if (tomcat != null) {
                tomcat.close();
            }
        } finally {
            if (simulator != null) {
                simulator.close();
            }
        }
    }

    @Test
    void grantedToken_reachesTheServlet() {
        Reply reply = Http.get(tomcat.url("/plain/messages"), READER);

        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        assertThat(reply.header("Content-Type")).startsWith("text/plain");
        assertThat(reply.body()).isEqualTo(MessagesServlet.BODY);
        assertThat(simulator.counters().calls(READER, "ReadMessages")).isEqualTo(1);
    }

    @Test
    void deniedPermission_is403ProblemWithRingCentralsReason_andTheServletDoesNotRun() {
        Reply reply = Http.get(tomcat.url("/plain/messages"), OUTSIDER);

        assertThat(reply.status()).as("%s", reply).isEqualTo(403);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
        assertThat(reply.header("WWW-Authenticate")).isNull();
        JsonObject problem = reply.json();
        assertThat(problem.getString("type")).isEqualTo("urn:rcguard:permission-denied");
        assertThat(problem.getString("title")).isEqualTo("Forbidden");
        assertThat(problem.getInt("status")).isEqualTo(403);
        assertThat(problem.getString("permission")).isEqualTo("ReadMessages");
        assertThat(problem.getString("detail")).isEqualTo("Permission ReadMessages is not granted");
        assertThat(problem.getJsonObject("reason").getString("code")).isEqualTo("InsufficientPermissions");
        assertThat(problem.getJsonObject("reason").getString("message"))
                .isEqualTo("Permission ReadMessages is not granted");
        assertThat(reply.body()).doesNotContain(MessagesServlet.BODY).doesNotContain(OUTSIDER);
        assertThat(simulator.counters().calls(OUTSIDER, "ReadMessages")).isEqualTo(1);
    }

    @Test
    void noToken_is401WithBearerChallenge_andRingCentralIsNotAsked() {
        long callsBefore = simulator.counters().total();

        Reply reply = Http.anonymous(tomcat.url("/plain/messages"));

        assertThat(reply.status()).as("%s", reply).isEqualTo(401);
        assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"RingCentral\"");
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
        JsonObject problem = reply.json();
        assertThat(problem.getString("type")).isEqualTo("urn:rcguard:unauthenticated");
        assertThat(problem.getString("title")).isEqualTo("Unauthorized");
        assertThat(problem.getInt("status")).isEqualTo(401);
        assertThat(problem.getString("detail")).isNotBlank();
        assertThat(problem.containsKey("reason"))
                .as("no reason: nothing was asked")
                .isFalse();
        assertThat(reply.body()).doesNotContain(MessagesServlet.BODY);
        assertThat(simulator.counters().total()).isEqualTo(callsBefore);
    }

    @Test
    void everyCheckOfTheFilter_reachesTheApplicationsPlainListener_withoutTheToken() {
        int before = auditLines().size();

        Http.get(tomcat.url("/plain/messages"), READER);
        Http.get(tomcat.url("/plain/messages"), OUTSIDER);
        Http.anonymous(tomcat.url("/plain/messages"));

        List<String> lines = auditLines();
        assertThat(lines.subList(before, lines.size()))
                .containsExactly(
                        "filter 'messages' GET /plain/messages | "
                                + simulator.user(READER).accountId() + "/1001 | null | GRANTED | null | true",
                        "filter 'messages' GET /plain/messages | "
                                + simulator.user(OUTSIDER).accountId()
                                + "/1002 | null | DENIED | InsufficientPermissions | true",
                        "filter 'messages' GET /plain/messages | null/null | null | UNAUTHENTICATED | null | true");
        assertThat(String.join("\n", lines)).doesNotContain(READER).doesNotContain(OUTSIDER);
    }

    private static List<String> auditLines() {
        Reply audit = Http.anonymous(tomcat.url("/plain/audit"));
        assertThat(audit.status()).isEqualTo(200);
        return audit.body().isEmpty() ? List.of() : List.of(audit.body().split("\n"));
    }

    @Test
    void listensOnLoopbackOnly() {
        assertThat(tomcat.process().nonLoopbackListeners()).isEmpty();
    }
}
