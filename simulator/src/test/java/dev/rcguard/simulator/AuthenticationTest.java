package dev.rcguard.simulator;

import static dev.rcguard.simulator.PermissionCheckTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthenticationTest {
    private RingCentralSimulator simulator;
    private Http http;

    @BeforeEach
    void start() {
        simulator = RingCentralSimulator.builder()
                .user(u -> u.token("t1").token("old").grant("ReadMessages"))
                .start();
        simulator.expireToken("old");
        http = new Http(simulator);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void missingAuthorizationHeader_is401Agw401() {
        HttpResponse<String> response = http.get(Http.check("ReadMessages"), null);

        assertError(response, 401, "AGW-401", "Authorization header is not specified");
        assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
    }

    @Test
    void authorizationThatIsNotBearer_is401Agw402() {
        assertError(
                http.getWithAuthorization(Http.features(""), "Basic dXNlcjpwYXNz"),
                401,
                "AGW-402",
                "Invalid Authorization header");
        assertError(
                http.getWithAuthorization(Http.features(""), "Bearer"), 401, "AGW-402", "Invalid Authorization header");
    }

    @Test
    void unknownToken_is401TokenInvalidWithOau213() {
        HttpResponse<String> response = http.get(Http.profile(), "nobody");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(Http.json(response).toString())
                .isEqualTo("{\"errorCode\":\"TokenInvalid\",\"message\":\"Token not found\","
                        + "\"errors\":[{\"errorCode\":\"OAU-213\",\"message\":\"Token not found\"}]}");
    }

    @Test
    void expiredToken_is401TokenInvalidWithOau128() {
        HttpResponse<String> response = http.get(Http.check("ReadMessages"), "old");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(Http.json(response).toString())
                .isEqualTo("{\"errorCode\":\"TokenInvalid\",\"message\":\"Access token expired\","
                        + "\"errors\":[{\"errorCode\":\"OAU-128\",\"message\":\"Access token expired\"}]}");
    }

    @Test
    void refusedRequests_carryRateLimitHeaders_withoutUsingTheLimit() {
        HttpResponse<String> response = http.get(Http.check("ReadMessages"), "nobody");

        assertThat(response.headers().firstValue("X-Rate-Limit-Group")).hasValue("Light");
        assertThat(response.headers().firstValue("X-Rate-Limit-Limit")).hasValue("50");
        assertThat(response.headers().firstValue("X-Rate-Limit-Remaining")).hasValue("50");
        assertThat(response.headers().firstValue("X-Rate-Limit-Window")).hasValue("60");
    }
}
