package dev.rcguard.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rcguard.Decision;
import dev.rcguard.Logical;
import dev.rcguard.simulator.Endpoint;
import dev.rcguard.simulator.RateLimits;
import dev.rcguard.simulator.RingCentralSimulator;
import dev.rcguard.spi.ApplicationGuard;
import dev.rcguard.spi.Caller;
import dev.rcguard.spi.GuardConfig;
import dev.rcguard.spi.RequestMemo;
import dev.rcguard.spi.Requirement;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The filter in a plain servlet container: this module's test class path holds, besides Jetty and the test tools,
 * exactly what the README tells such an application to add: {@code rcguard-servlet}, nothing else. Every HTTP test of
 * the module runs on it; this class pins down what is absent, and that a later layer shares the memo.
 */
class PlainContainerTest {

    private static RingCentralSimulator simulator;
    private static JettyServer jetty;

    /** Stands in for a later layer (JAX-RS filter, CDI interceptor) asking again in the same request. */
    public static class LaterLayerServlet extends HttpServlet {
        private ApplicationGuard.Lease lease;

        @Override
        public void init() {
            ServletContext context = getServletContext();
            lease = ApplicationGuard.acquire(
                    ApplicationGuard.Attributes.of(
                            context::getAttribute, context::setAttribute, context::removeAttribute),
                    context::getInitParameter,
                    name -> null);
        }

        @Override
        public void destroy() {
            lease.close();
        }

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            Decision decision = lease.guard()
                    .check(
                            Caller.ofBearer(request.getHeader("Authorization")),
                            Requirement.permissions(Logical.ALL, "ReadMessages"),
                            null,
                            RequestMemo.of(request::getAttribute, request::setAttribute));
            response.getWriter().print("later layer: " + decision.outcome());
        }
    }

    @BeforeAll
    static void start() throws Exception {
        simulator = RingCentralSimulator.builder()
                .rateLimits(RateLimits.disabled())
                .user(u -> u.token("reader").grant("ReadMessages"))
                .start();
        String url = simulator.baseUri().toString();
        jetty = JettyServer.withServlet()
                .contextParams(Map.of(GuardConfig.SERVER_URL, url))
                .filter("messages", "/layered/*", Map.of("permissions", "ReadMessages"));
        jetty.context().addServlet(new ServletHolder(new LaterLayerServlet()), "/layered/*");
        jetty.start();
    }

    @AfterAll
    static void stop() throws Exception {
        jetty.close();
        simulator.close();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "jakarta.enterprise.inject.spi.CDI",
                "jakarta.ws.rs.core.Response",
                "jakarta.json.bind.JsonbBuilder",
                "org.eclipse.microprofile.config.ConfigProvider",
                "org.eclipse.microprofile.rest.client.RestClientBuilder"
            })
    void runsWithoutTheseApisOnTheClassPath(String absent) {
        assertThatThrownBy(() -> Class.forName(absent)).isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void laterLayerOfTheSameRequest_reusesTheFiltersAnswer() {
        HttpResponse<String> response = Http.get(jetty.uri("/layered/inbox"), "reader");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("later layer: GRANTED");
        assertThat(simulator.counters().calls(Endpoint.PERMISSION_CHECK, "reader", "ReadMessages"))
                .isEqualTo(1);
    }
}
