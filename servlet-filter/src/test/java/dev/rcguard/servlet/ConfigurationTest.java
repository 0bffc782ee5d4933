package dev.rcguard.servlet;

import static dev.rcguard.servlet.ResponseTableTest.closedPort;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rcguard.simulator.Endpoint;
import dev.rcguard.simulator.Fault;
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

/**
 * Where {@code rcguard.*} comes from: the application's context parameters win over system properties; a filter's
 * own {@code rcguard.mode} makes it report-only.
 */
class ConfigurationTest {

    private static final Logger GUARD_LOG = Logger.getLogger("dev.rcguard");
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
    private static JettyServer withContextParam;
    private static JettyServer withoutContextParam;

    @BeforeAll
    static void start() throws Exception {
        GUARD_LOG.addHandler(CAPTURE);
        simulator = RingCentralSimulator.builder()
                .rateLimits(RateLimits.disabled())
                .user(u -> u.token("reader-token").grant("ReadMessages"))
                .user(u -> u.token("nobody-token"))
                .user(u -> u.token("limited-token").grant("ReadMessages"))
                .start();
        System.setProperty("rcguard.server-url", closedPort());
        try {
            withContextParam = JettyServer.withServlet()
                    .contextParams(
                            Map.of("rcguard.server-url", simulator.baseUri().toString()))
                    .filter("messages", "/messages/*", Map.of("permissions", "ReadMessages"))
                    .filter(
                            "report-only",
                            "/report-only/*",
                            Map.of("permissions", "ReadMessages", "rcguard.mode", "report-only"))
                    .start();
            withoutContextParam = JettyServer.withServlet()
                    .filter("messages", "/messages/*", Map.of("permissions", "ReadMessages"))
                    .start();
        } finally {
            System.clearProperty("rcguard.server-url");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        GUARD_LOG.removeHandler(CAPTURE);
        withContextParam.close();
        withoutContextParam.close();
        simulator.close();
    }

    @Test
    void contextParamWinsOverSystemProperty() {
        HttpResponse<String> response = Http.get(withContextParam.uri("/messages/x"), "reader-token");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ran GET /messages/x");
    }

    @Test
    void systemPropertyIsRead_whenNoContextParamNamesTheSetting() {
        HttpResponse<String> response = Http.get(withoutContextParam.uri("/messages/x"), "reader-token");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(Problem.of(response).getJsonObject("reason").getString("code"))
                .isEqualTo("ConnectionFailed");
    }

    @Test
    void reportOnly_letsARefusalThrough_andLogsItWithoutTheToken() {
        LOGGED.clear();
        long checks = simulator.counters().calls(Endpoint.PERMISSION_CHECK, "nobody-token", "ReadMessages");

        HttpResponse<String> response = Http.get(withContextParam.uri("/report-only/x"), "nobody-token");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ran GET /report-only/x");
        assertThat(simulator.counters().calls(Endpoint.PERMISSION_CHECK, "nobody-token", "ReadMessages"))
                .isEqualTo(checks + 1);
        assertThat(LOGGED).singleElement().satisfies(record -> {
            String message = java.text.MessageFormat.format(record.getMessage(), record.getParameters());
            assertThat(record.getLevel()).isEqualTo(Level.WARNING);
            assertThat(message)
                    .isEqualTo("RingCentral guard (report-only) would refuse filter 'report-only' GET /report-only/x:"
                            + " DENIED ReadMessages (InsufficientPermissions)")
                    .doesNotContain("nobody-token");
        });
    }

    @Test
    void reportOnly_letsARequestWithoutTokenThrough() {
        LOGGED.clear();

        HttpResponse<String> response = Http.get(withContextParam.uri("/report-only/y"), null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(LOGGED)
                .singleElement()
                .satisfies(record -> assertThat(
                                java.text.MessageFormat.format(record.getMessage(), record.getParameters()))
                        .endsWith("would refuse filter 'report-only' GET /report-only/y: UNAUTHENTICATED (no token)"));
    }

    @Test
    void filtersWithTheirOwnModesShareTheApplicationsGuard_soA429HoldsTheTokenBackForAll() {
        simulator.inject(
                Endpoint.PERMISSION_CHECK,
                "limited-token",
                Fault.status(429, "{\"errorCode\":\"CMN-301\",\"message\":\"Request rate exceeded\"}")
                        .withHeader("Retry-After", "30"));

        HttpResponse<String> enforced = Http.get(withContextParam.uri("/messages/x"), "limited-token");
        long calls = simulator.counters().calls(Endpoint.PERMISSION_CHECK, "limited-token", "ReadMessages");
        HttpResponse<String> reportOnly = Http.get(withContextParam.uri("/report-only/x"), "limited-token");

        assertThat(enforced.statusCode()).isEqualTo(503);
        assertThat(enforced.headers().firstValue("Retry-After")).hasValue("30");
        assertThat(reportOnly.statusCode()).isEqualTo(200); // report-only lets the refusal through...
        assertThat(simulator.counters().calls(Endpoint.PERMISSION_CHECK, "limited-token", "ReadMessages"))
                .as("...but the other filter sends nothing during RingCentral's penalty")
                .isEqualTo(calls)
                .isEqualTo(1);
    }
}
