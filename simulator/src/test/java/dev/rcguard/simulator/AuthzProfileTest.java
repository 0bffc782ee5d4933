package dev.rcguard.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthzProfileTest {
    private RingCentralSimulator simulator;
    private Http http;

    @BeforeEach
    void start() {
        simulator = RingCentralSimulator.builder()
                .rateLimits(RateLimits.disabled())
                .user(u -> u.token("t1")
                        .grant("ReadMessages")
                        .grant(new Permission(
                                "ReadCompanyInfo", "3", java.util.List.of("Account"), false, true, "Compatible")))
                .start();
        http = new Http(simulator);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void profile_listsEveryGrantedPermission_withRoleAndScopes() {
        HttpResponse<String> response = http.get(Http.profile(), "t1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.headers().firstValue("X-Rate-Limit-Group")).hasValue("Medium");
        JsonNode body = Http.json(response);
        String base = simulator.baseUri() + "/restapi/v1.0";
        assertThat(body.get("uri").asText())
                .isEqualTo(base + "/account/400100200300/extension/400100200301/authz-profile");
        assertThat(body.get("permissions")).hasSize(2);
        JsonNode second = body.at("/permissions/1");
        assertThat(second.toString())
                .isEqualTo("{\"permission\":{\"uri\":\"" + base + "/dictionary/permission/ReadCompanyInfo\","
                        + "\"id\":\"ReadCompanyInfo\",\"assignable\":false,\"readOnly\":true,"
                        + "\"siteCompatible\":\"Compatible\"},"
                        + "\"effectiveRole\":{\"uri\":\"" + base + "/dictionary/user-role/3\",\"id\":\"3\"},"
                        + "\"scopes\":[\"Account\"]}");
    }

    @Test
    void userWithoutPermissions_hasAnEmptyList() {
        simulator.user("t1").revokeAll();

        JsonNode body = Http.json(http.get(Http.profile(), "t1"));

        assertThat(body.get("permissions")).isEmpty();
    }
}
