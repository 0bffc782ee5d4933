package dev.rcguard.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rcguard.simulator.Endpoint;
import dev.rcguard.simulator.RateLimits;
import dev.rcguard.simulator.RingCentralSimulator;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.CookieManager;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The application keeps its users' RingCentral tokens in the HTTP session (its OAuth login put them there), and says
 * so once: {@code rcguard.token-source=session-attribute:rc.tokens}. The {@code web.xml} filter then reads the token
 * from the session, whatever header the request carries.
 */
class TokenSourceTest {

    static final String TOKEN = "session-held-token";

    private static RingCentralSimulator simulator;
    private static JettyServer jetty;

    /** The application's login, reduced to its end: RingCentral's token answer kept in the session. */
    public static class LoginServlet extends HttpServlet {
        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            request.getSession(true).setAttribute("rc.tokens", Map.of("access_token", TOKEN, "token_type", "bearer"));
            response.setStatus(204);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        simulator = RingCentralSimulator.builder()
                .rateLimits(RateLimits.disabled())
                .user(u -> u.token(TOKEN).grant("ReadMessages"))
                .user(u -> u.token("header-token").grant("ReadMessages"))
                .start();
        jetty = JettyServer.withServlet()
                .contextParams(Map.of(
                        "rcguard.server-url",
                        simulator.baseUri().toString(),
                        "rcguard.token-source",
                        "session-attribute:rc.tokens"))
                .filter("messages", "/messages/*", Map.of("permissions", "ReadMessages"));
        jetty.context().addServlet(new ServletHolder("login", new LoginServlet()), "/login");
        jetty.start();
    }

    @AfterAll
    static void stop() throws Exception {
        jetty.close();
        simulator.close();
    }

    static HttpClient browser() {
        return HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) throws Exception {
        return client.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void afterTheLogin_theSessionsTokenIsChecked() throws Exception {
        HttpClient browser = browser();
        assertThat(send(browser, HttpRequest.newBuilder(jetty.uri("/login")).POST(HttpRequest.BodyPublishers.noBody()))
                        .statusCode())
                .isEqualTo(204);

        HttpResponse<String> messages = send(browser, HttpRequest.newBuilder(jetty.uri("/messages/inbox")));

        assertThat(messages.statusCode()).isEqualTo(200);
        assertThat(messages.body()).isEqualTo("ran GET /messages/inbox");
        assertThat(simulator.counters().calls(Endpoint.PERMISSION_CHECK, TOKEN, "ReadMessages"))
                .isPositive();
    }

    @Test
    void theConfiguredSourceBeatsTheHeader_andWithoutASessionThereIsNoToken() throws Exception {
        long calls = simulator.counters().total();

        HttpResponse<String> anonymous = send(
                browser(),
                HttpRequest.newBuilder(jetty.uri("/messages/inbox")).header("Authorization", "Bearer header-token"));

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"RingCentral\"");
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(anonymous.body()).contains("\"status\":401").doesNotContain("header-token");
        assertThat(anonymous.headers().firstValue("Set-Cookie"))
                .as("no session is created")
                .isEmpty();
        assertThat(simulator.counters().total()).isEqualTo(calls);
    }
}
