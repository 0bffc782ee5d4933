package dev.rcguard.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rcguard.simulator.Endpoint;
import dev.rcguard.simulator.Permission;
import dev.rcguard.testkit.SimulatedRingCentral;
import dev.rcguard.testkit.WithRingCentralSimulator;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application protected only by its {@code web.xml} (src/test/resources/webapp), deployed as a Jetty 12 ee10
 * {@link WebAppContext} at {@code /app} without CDI: composed filters, dispatch types and target extensions.
 */
@WithRingCentralSimulator
class WebXmlDeploymentTest {

    @TempDir
    static Path webapp;

    private static SimulatedRingCentral ringCentral;
    private static JettyServer jetty;
    private static WebAppContext context;
    private int servletRunsBefore;

    @BeforeAll
    static void deploy() throws Exception {
        writeWebXml(webapp, "/webapp/WEB-INF/web.xml", ringCentral.baseUri().toString());
        context = new WebAppContext();
        context.setContextPath("/app");
        context.setBaseResourceAsPath(webapp);
        context.setParentLoaderPriority(true);
        jetty = JettyServer.with(context).start();
    }

    @AfterAll
    static void stop() throws Exception {
        jetty.close();
    }

    @BeforeEach
    void usersAndServletRuns() {
        ringCentral.addUser(u -> u.token("t-full")
                .extensionId("101")
                .grant("ReadMessages")
                .grant("ReadCallLog")
                .feature("SMSSending", true));
        ringCentral.addUser(u -> u.token("t-nosms")
                .extensionId("102")
                .grant("ReadMessages")
                .unavailable(
                        "SMSSending",
                        "ServicePlanLimitation",
                        "The feature is unavailable for the current service plan"));
        ringCentral.addUser(
                u -> u.token("t-noread").extensionId("103").grant("ReadCallLog").feature("SMSSending", true));
        ringCentral.addUser(
                u -> u.token("t-admin").extensionId("104").grant(Permission.of("ReadCallLog", "1", "Account")));
        ringCentral.addUser(u -> u.token("t-supervisor")
                .extensionId("105")
                .grant("ReadMessages")
                .grant(Permission.of("ReadCallLog", "1", "Account")));
        servletRunsBefore = recording().invocations();
    }

    @Test
    void composedFilters_askEachIdOncePerRequest() {
        HttpResponse<String> response = Http.send("POST", jetty.uri("/app/api/sms/send"), "t-full");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ran POST /api/sms/send");
        assertThat(ringCentral.counters().calls(Endpoint.PERMISSION_CHECK, "t-full", "ReadMessages"))
                .isEqualTo(1);
        assertThat(ringCentral.counters().calls(Endpoint.FEATURES, "t-full", "SMSSending"))
                .isEqualTo(1);
    }

    @Test
    void composedFilters_refuseWhenTheSecondRefuses() {
        HttpResponse<String> response = Http.send("POST", jetty.uri("/app/api/sms/send"), "t-nosms");

        JsonObject problem = assertRefused(response, 403);
        assertThat(problem.getString("permission")).isEqualTo("SMSSending");
        assertThat(problem.getJsonObject("reason").getString("code")).isEqualTo("ServicePlanLimitation");
        assertThat(problem.getString("detail")).isEqualTo("The feature is unavailable for the current service plan");
    }

    @Test
    void composedFilters_stopAtTheFirstRefusal() {
        HttpResponse<String> response = Http.send("POST", jetty.uri("/app/api/sms/send"), "t-noread");

        JsonObject problem = assertRefused(response, 403);
        assertThat(problem.getString("permission")).isEqualTo("ReadMessages");
        assertThat(ringCentral.counters().calls(Endpoint.FEATURES, "t-noread", "SMSSending"))
                .isZero();
    }

    @Test
    void methodsOfOneDeclaration_doNotLimitTheOthers() {
        HttpResponse<String> read = Http.get(jetty.uri("/app/api/sms/inbox"), "t-nosms");
        HttpResponse<String> anonymous = Http.get(jetty.uri("/app/api/sms/inbox"), null);

        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).isEqualTo("ran GET /api/sms/inbox");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"RingCentral\"");
    }

    @Test
    void forward_toAnotherExtensionInTheQuery_isCheckedForThatExtension() {
        // "reports" lets ~ through on REQUEST; the forward names extension 400100200399, which ReadCallLog (Self)
        // does not cover.
        HttpResponse<String> response = Http.get(jetty.uri("/app/reports/daily?extensionId=~"), "t-full");

        JsonObject problem = assertRefused(response, 403);
        assertThat(problem.getString("permission")).isEqualTo("ReadCallLog");
        assertThat(ringCentral.counters().calls(Endpoint.PERMISSION_CHECK, "t-full", "ReadCallLog"))
                .isEqualTo(2);
    }

    @Test
    void forward_toTheSameExtension_isNotCheckedAgain() {
        HttpResponse<String> response =
                Http.get(jetty.uri("/app/reports/daily?extensionId=400100200399"), "t-supervisor");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ran GET /api/reports/summary");
        assertThat(ringCentral.counters().calls(Endpoint.PERMISSION_CHECK, "t-supervisor", "ReadCallLog"))
                .isEqualTo(1);
    }

    @Test
    void forward_toAnotherExtensionInThePath_isCheckedForThatExtension() {
        // "call-log" (path:2) lets ~ through on REQUEST; the forward's new path names extension 400100200399.
        HttpResponse<String> response = Http.get(jetty.uri("/app/extensions/~/elsewhere"), "t-full");

        JsonObject problem = assertRefused(response, 403);
        assertThat(problem.getString("permission")).isEqualTo("ReadCallLog");
        assertThat(ringCentral.counters().calls(Endpoint.PERMISSION_CHECK, "t-full", "ReadCallLog"))
                .isEqualTo(2);
    }

    @Test
    void forward_isCheckedByADeclarationMappedToForward() {
        HttpResponse<String> response = Http.get(jetty.uri("/app/reports/daily?extensionId=~"), "t-noread");

        JsonObject problem = assertRefused(response, 403);
        assertThat(problem.getString("permission")).isEqualTo("ReadMessages");
    }

    @Test
    void pathTarget_grantsTheCallersOwnExtension() {
        HttpResponse<String> own = Http.get(jetty.uri("/app/extensions/101/call-log"), "t-full");
        HttpResponse<String> tilde = Http.get(jetty.uri("/app/extensions/~/call-log"), "t-full");

        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).isEqualTo("ran GET /extensions/101/call-log");
        assertThat(tilde.statusCode()).isEqualTo(200);
    }

    @Test
    void pathTarget_isAskedOfRingCentral_forAnotherExtension() {
        HttpResponse<String> self = Http.get(jetty.uri("/app/extensions/202/call-log"), "t-full");
        JsonObject problem = assertRefused(self, 403);
        HttpResponse<String> admin = Http.get(jetty.uri("/app/extensions/202/call-log"), "t-admin");

        assertThat(problem.getString("permission")).isEqualTo("ReadCallLog");
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(admin.body()).isEqualTo("ran GET /extensions/202/call-log");
    }

    @Test
    void malformedTarget_isRefused403_withoutAskingRingCentral() {
        HttpResponse<String> path = Http.get(jetty.uri("/app/extensions/me/call-log"), "t-admin");
        HttpResponse<String> missing = Http.get(jetty.uri("/app/reports/daily"), "t-admin");
        HttpResponse<String> repeated =
                Http.get(jetty.uri("/app/reports/daily?extensionId=1&extensionId=2"), "t-admin");

        for (HttpResponse<String> response : java.util.List.of(path, missing, repeated)) {
            JsonObject problem = assertRefused(response, 403);
            assertThat(problem.getString("permission")).isEqualTo("ReadCallLog");
            assertThat(problem.getString("detail")).isEqualTo("Parameter [targetExtensionId] value is invalid.");
            assertThat(problem.getJsonObject("reason").getString("code")).isEqualTo("CMN-101");
        }
        assertThat(ringCentral.counters().total()).isZero();
    }

    @Test
    void malformedTarget_withoutToken_isRefused401() {
        HttpResponse<String> response = Http.get(jetty.uri("/app/extensions/me/call-log"), null);

        assertRefused(response, 401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"RingCentral\"");
    }

    @Test
    void invalidInitParam_keepsTheApplicationFromServing(@TempDir Path broken) throws Exception {
        writeWebXml(broken, "/broken-webapp/WEB-INF/web.xml", "");
        WebAppContext brokenContext = new WebAppContext();
        brokenContext.setContextPath("/broken");
        brokenContext.setBaseResourceAsPath(broken);
        brokenContext.setParentLoaderPriority(true);

        try (JettyServer server = JettyServer.with(brokenContext)) {
            server.start();
            HttpResponse<String> response = Http.get(server.uri("/broken/anything"), "t-full");

            assertThat(brokenContext.isAvailable()).isFalse();
            assertThat(brokenContext.getUnavailableException())
                    .hasMessageContaining("RingCentralPermissionFilter 'broken': init-param 'permissions'");
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body()).doesNotStartWith("ran ");
        }
    }

    private JsonObject assertRefused(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(recording().invocations())
                .as("the servlet never runs on a refusal")
                .isEqualTo(servletRunsBefore);
        JsonObject problem = Problem.of(response);
        assertThat(problem.getInt("status")).isEqualTo(status);
        return problem;
    }

    private static RecordingServlet recording() {
        try {
            jakarta.servlet.Servlet servlet =
                    context.getServletHandler().getServlet("recording").getServlet();
            // Jetty wraps a servlet that does not support async; the wrapper holds the application's instance.
            while (servlet instanceof ServletHolder.Wrapper wrapper) {
                servlet = wrapper.getWrapped();
            }
            return (RecordingServlet) servlet;
        } catch (jakarta.servlet.ServletException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writeWebXml(Path root, String resource, String simulatorUrl) throws IOException {
        try (InputStream in = WebXmlDeploymentTest.class.getResourceAsStream(resource)) {
            String xml = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("@SIMULATOR_URL@", simulatorUrl);
            Files.createDirectories(root.resolve("WEB-INF"));
            Files.writeString(root.resolve("WEB-INF/web.xml"), xml);
        }
    }
}
