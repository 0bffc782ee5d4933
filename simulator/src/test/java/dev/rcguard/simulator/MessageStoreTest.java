package dev.rcguard.simulator;

import static dev.rcguard.simulator.PermissionCheckTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET .../message-store}: the application's own Light call, next to the permission endpoints. */
class MessageStoreTest {
    private RingCentralSimulator simulator;
    private Http http;

    @BeforeEach
    void start() {
        simulator = RingCentralSimulator.builder()
                .rateLimits(RateLimits.of(3, 3, Duration.ofSeconds(60), Duration.ofSeconds(60)))
                .clock(new ManualClock())
                .user(u -> u.token("t1").grant("ReadMessages"))
                .start();
        http = new Http(simulator);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void answersAnEmptyPageOfMessages_inTheLightGroup() {
        HttpResponse<String> response = http.get(Http.messageStore() + "?messageType=SMS&perPage=10", "t1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = Http.json(response);
        assertThat(body.get("uri").asText())
                .isEqualTo(simulator.baseUri()
                        + "/restapi/v1.0/account/400100200300/extension/400100200301/message-store?page=1&perPage=100");
        assertThat(body.get("records").isArray()).isTrue();
        assertThat(body.get("records")).isEmpty();
        assertThat(body.at("/paging/page").asInt()).isEqualTo(1);
        assertThat(response.headers().firstValue("X-Rate-Limit-Group")).hasValue("Light");
        assertThat(response.headers().firstValue("X-Rate-Limit-Remaining")).hasValue("2");
        assertThat(simulator.counters().calls(Endpoint.MESSAGE_STORE)).isEqualTo(1);
    }

    @Test
    void spendsTheSameLightBudgetAsPermissionChecks() {
        http.get(Http.messageStore(), "t1");
        http.get(Http.messageStore(), "t1");

        HttpResponse<String> check = http.get(Http.check("ReadMessages"), "t1");
        assertThat(check.statusCode()).isEqualTo(200);
        assertThat(check.headers().firstValue("X-Rate-Limit-Remaining")).hasValue("0");
        assertError(http.get(Http.messageStore(), "t1"), 429, "CMN-301", "Request rate exceeded");
    }

    @Test
    void resolvesPathIdsAndAuthenticatesLikeTheOtherEndpoints() {
        assertThat(http.get("/restapi/v1.0/account/400100200300/extension/400100200301/message-store", "t1")
                        .statusCode())
                .isEqualTo(200);
        assertThat(http.get("/restapi/v1.0/account/999/extension/~/message-store", "t1")
                        .statusCode())
                .isEqualTo(404);
        assertError(http.get(Http.messageStore(), null), 401, "AGW-401", "Authorization header is not specified");
    }

    @Test
    void takesInjectedFaults() {
        simulator.inject(Endpoint.MESSAGE_STORE, Fault.status(503, "{}"));

        assertThat(http.get(Http.messageStore(), "t1").statusCode()).isEqualTo(503);
        assertThat(http.get(Http.check("ReadMessages"), "t1").statusCode()).isEqualTo(200);
    }
}
