package dev.rcguard.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultInjectionTest {
    private RingCentralSimulator simulator;
    private Http http;

    @BeforeEach
    void start() {
        simulator = RingCentralSimulator.builder()
                .rateLimits(RateLimits.disabled())
                .user(u -> u.token("t1").grant("ReadMessages").feature("SMSSending", true))
                .user(u -> u.token("t2").grant("ReadMessages"))
                .start();
        http = new Http(simulator);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void latency_delaysAnOtherwiseNormalAnswer() {
        simulator.inject(Endpoint.PERMISSION_CHECK, Fault.latencyMillis(400));

        long started = System.nanoTime();
        HttpResponse<String> response = http.get(Http.check("ReadMessages"), "t1");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Http.json(response).get("successful").asBoolean()).isTrue();
    }

    @Test
    void defaultLatency_delaysEveryAnswer() {
        simulator.defaultLatency(Duration.ofMillis(300));

        long started = System.nanoTime();
        http.get(Http.features(""), "t1");
        http.get(Http.profile(), "t1");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(600));
    }

    @Test
    void fixedResponse_replacesTheAnswer_withItsStatusTypeHeadersAndBody() {
        simulator.inject(
                Endpoint.FEATURES,
                Fault.response(502, "text/html", "<html>Bad Gateway</html>").withHeader("Retry-After", "7"));

        HttpResponse<String> response = http.get(Http.features(""), "t1");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html");
        assertThat(response.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(response.body()).isEqualTo("<html>Bad Gateway</html>");
    }

    @Test
    void fixedResponse_comesBeforeAuthentication() {
        simulator.inject(Endpoint.AUTHZ_PROFILE, Fault.serviceUnavailable());

        HttpResponse<String> response = http.get(Http.profile(), null);

        PermissionCheckTest.assertError(response, 503, "CMN-201", "Service Temporary Unavailable");
    }

    @Test
    void malformedJson_isA200WithATruncatedBody() {
        simulator.inject(Endpoint.PERMISSION_CHECK, Fault.malformedJson());

        HttpResponse<String> response = http.get(Http.check("ReadMessages"), "t1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).isEqualTo("{\"successful\": tr");
    }

    @Test
    void slowBody_sendsHeadersFirst_thenTricklesTheBody() throws Exception {
        simulator.inject(Endpoint.PERMISSION_CHECK, new Fault.SlowBody(Duration.ofMillis(100), 100));

        long started = System.nanoTime();
        HttpResponse<InputStream> response = http.client()
                .send(
                        http.request(Http.check("ReadMessages"))
                                .header("Authorization", "Bearer t1")
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
        long headersAt = System.nanoTime();
        String body;
        try (InputStream in = response.body()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        long bodyAt = System.nanoTime();

        int chunks = (body.getBytes(StandardCharsets.UTF_8).length + 99) / 100;
        assertThat(chunks).isGreaterThanOrEqualTo(4);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body).contains("\"successful\":true");
        assertThat(Duration.ofNanos(bodyAt - started)).isGreaterThanOrEqualTo(Duration.ofMillis(100L * chunks));
        assertThat(Duration.ofNanos(bodyAt - headersAt)).isGreaterThanOrEqualTo(Duration.ofMillis(100L * (chunks - 2)));
    }

    @Test
    void droppedConnection_getsNoHttpResponseAtAll() throws IOException {
        simulator.inject(Endpoint.FEATURES, Fault.dropConnection());

        try (Socket socket = new Socket("127.0.0.1", simulator.port())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream()
                    .write(("GET " + Http.features("") + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                    + "Authorization: Bearer t1\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));

            assertThat(socket.getInputStream().readAllBytes()).isEmpty();
        }
        assertThat(simulator.counters().calls(Endpoint.FEATURES)).isEqualTo(1);
        assertThatThrownBy(() -> http.get(Http.features(""), "t1"))
                .isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(IOException.class);
    }

    @Test
    void tokenFault_hitsOnlyThatToken_andWinsOverTheEndpointFault() {
        simulator.inject(Endpoint.PERMISSION_CHECK, "t1", Fault.status(500, "{}"));
        simulator.inject(Endpoint.PERMISSION_CHECK, Fault.status(503, "{}"));

        assertThat(http.get(Http.check("ReadMessages"), "t1").statusCode()).isEqualTo(500);
        assertThat(http.get(Http.check("ReadMessages"), "t2").statusCode()).isEqualTo(503);
        assertThat(http.get(Http.features(""), "t1").statusCode()).isEqualTo(200);
    }

    @Test
    void clearFaults_restoresNormalAnswers() {
        simulator.inject(Endpoint.PERMISSION_CHECK, Fault.dropConnection());
        simulator.inject(Endpoint.FEATURES, "t1", Fault.malformedJson());

        simulator.clearFaults();

        assertThat(http.get(Http.check("ReadMessages"), "t1").statusCode()).isEqualTo(200);
        assertThat(Http.json(http.get(Http.features(""), "t1")).get("records")).hasSize(1);
    }
}
