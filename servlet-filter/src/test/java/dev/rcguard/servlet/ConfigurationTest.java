package dev.rcguard.servlet;

import static dev.rcguard.servlet.ResponseTableTest.closedPort;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rcguard.simulator.Endpoint;
import dev.rcguard.simulator.RateLimits;
import dev.rcguard.simulator.RingCentralSimulator;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code rcguard.*} init-params: they win over system properties, and report-only mode lets refusals through. */
class ConfigurationTest {

    private static final Logger FILTER_LOG = Logger.getLogger(RingCentralPermissionFilter.class.getName());
    private static final List<LogRecord> LOGGED = new CopyOnWriteArrayList<>();
    private static final Handler CAPTURE = new Handler() {
        @Override
        public void publish(LogRecord record) {
            LOGGED.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    private static RingCentralSimulator simulator;
    private static JettyServer jetty;

    @BeforeAll
    static void start() throws Exception {
        FILTER_LOG.addHandler(CAPTURE);
        simulator = RingCentralSimulator.builder()
                .rateLimits(RateLimits.disabled())
                .user(u -> u.token("reader-token").grant("ReadMessages"))
                .user(u -> u.token("nobody-token"))
                .start();
        String simulatorUrl = simulator.baseUri().toString();
        System.setProperty("rcguard.server-url", closedPort());
        try {
            jetty = JettyServer.withServlet()
                    .filter(
                            "init-param",
                            "/init-param/*",
                            Map.of("permissions", "ReadMessages", "rcguard.server-url", simulatorUrl))
                    .filter("system-property", "/system-property/*", Map.of("permissions", "ReadMessages"))
                    .filter(
                            "report-only",
                            "/report-only/*",
                            Map.of(
                                    "permissions", "ReadMessages",
                                    "rcguard.server-url", simulatorUrl,
                                    "rcguard.mode", "report-only"))
                    .start();
        } finally {
            System.clearProperty("rcguard.server-url");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        FILTER_LOG.removeHandler(CAPTURE);
        jetty.close();
        simulator.close();
    }

    @Test
    void initParamWinsOverSystemProperty() {
        HttpResponse<String> response = Http.get(jetty.uri("/init-param/x"), "reader-token");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ran GET /init-param/x");
    }

    @Test
    void systemPropertyIsRead_whenNoInitParamNamesTheSetting() {
        HttpResponse<String> response = Http.get(jetty.uri("/system-property/x"), "reader-token");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(Problem.of(response).getJsonObject("reason").getString("code"))
                .isEqualTo("ConnectionFailed");
    }

    @Test
    void reportOnly_letsARefusalThrough_andLogsItWithoutTheToken() {
        LOGGED.clear();
        long checks = simulator.counters().calls(Endpoint.PERMISSION_CHECK, "nobody-token", "ReadMessages");

        HttpResponse<String> response = Http.get(jetty.uri("/report-only/x"), "nobody-token");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ran GET /report-only/x");
        assertThat(simulator.counters().calls(Endpoint.PERMISSION_CHECK, "nobody-token", "ReadMessages"))
                .isEqualTo(checks + 1);
        assertThat(LOGGED).singleElement().satisfies(record -> {
            String message = java.text.MessageFormat.format(record.getMessage(), record.getParameters());
            assertThat(record.getLevel()).isEqualTo(Level.WARNING);
            assertThat(message)
                    .isEqualTo("RingCentralPermissionFilter 'report-only' would refuse GET /report-only/x:"
                            + " DENIED ReadMessages (InsufficientPermissions)")
                    .doesNotContain("nobody-token");
        });
    }

    @Test
    void reportOnly_letsARequestWithoutTokenThrough() {
        LOGGED.clear();

        HttpResponse<String> response = Http.get(jetty.uri("/report-only/y"), null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(LOGGED)
                .singleElement()
                .satisfies(record -> assertThat(
                                java.text.MessageFormat.format(record.getMessage(), record.getParameters()))
                        .endsWith("would refuse GET /report-only/y: UNAUTHENTICATED (no token)"));
    }
}
