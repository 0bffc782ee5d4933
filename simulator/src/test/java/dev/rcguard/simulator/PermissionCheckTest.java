package dev.rcguard.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PermissionCheckTest {
    private static final String ACCOUNT = RingCentralSimulator.Builder.DEFAULT_ACCOUNT_ID;
    private static final String OWN_EXTENSION = "400100200301";
    private static final String OTHER_EXTENSION = "400100200302";

    private RingCentralSimulator simulator;
    private Http http;

    @BeforeEach
    void start() {
        simulator = RingCentralSimulator.builder()
                .rateLimits(RateLimits.disabled())
                .user(u -> u.token("t1").grant("ReadMessages").grant(Permission.of("ReadCallLog", "1", "Account")))
                .user(u -> u.token("t2"))
                .start();
        http = new Http(simulator);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void grantedPermission_isSuccessfulWithDetails() {
        HttpResponse<String> response = http.get(Http.check("ReadMessages"), "t1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = Http.json(response);
        String base = simulator.baseUri() + "/restapi/v1.0";
        assertThat(body.get("uri").asText())
                .isEqualTo(base + "/account/" + ACCOUNT + "/extension/" + OWN_EXTENSION
                        + "/authz-profile/check?permissionId=ReadMessages&targetExtensionId=" + OWN_EXTENSION);
        assertThat(body.get("successful").asBoolean()).isTrue();
        JsonNode permission = body.at("/details/permission");
        assertThat(permission.get("uri").asText()).isEqualTo(base + "/dictionary/permission/ReadMessages");
        assertThat(permission.get("id").asText()).isEqualTo("ReadMessages");
        assertThat(permission.get("assignable").asBoolean()).isTrue();
        assertThat(permission.get("readOnly").asBoolean()).isFalse();
        assertThat(permission.get("siteCompatible").asText()).isEqualTo("Independent");
        assertThat(body.at("/details/effectiveRole/uri").asText()).isEqualTo(base + "/dictionary/user-role/1");
        assertThat(body.at("/details/effectiveRole/id").asText()).isEqualTo("1");
        assertThat(body.at("/details/scopes").toString()).isEqualTo("[\"Self\"]");
    }

    @Test
    void permissionNotGranted_isUnsuccessfulWithoutDetails() {
        HttpResponse<String> response = http.get(Http.check("UserManagement"), "t1");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = Http.json(response);
        assertThat(body.get("uri").asText())
                .endsWith("/authz-profile/check?permissionId=UserManagement" + "&targetExtensionId=" + OWN_EXTENSION);
        assertThat(body.get("successful").asBoolean()).isFalse();
        assertThat(body.has("details")).isFalse();
        assertThat(body.size()).isEqualTo(2);
    }

    @Test
    void missingPermissionId_is400Cmn101() {
        HttpResponse<String> response = http.get(Http.OWN + "/authz-profile/check", "t1");

        assertError(response, 400, "CMN-101", "Parameter [permissionId] value is invalid.");
        assertThat(Http.json(response).at("/errors/0/parameterName").asText()).isEqualTo("permissionId");
    }

    @Test
    void malformedTargetExtensionId_is400Cmn101() {
        HttpResponse<String> response = http.get(Http.check("ReadMessages") + "&targetExtensionId=abc", "t1");

        assertError(response, 400, "CMN-101", "Parameter [targetExtensionId] value is invalid.");
    }

    @Test
    void selfScopedPermission_onAnotherExtension_isNotGranted() {
        HttpResponse<String> response =
                http.get(Http.check("ReadMessages") + "&targetExtensionId=" + OTHER_EXTENSION, "t1");

        JsonNode body = Http.json(response);
        assertThat(body.get("successful").asBoolean()).isFalse();
        assertThat(body.get("uri").asText()).endsWith("targetExtensionId=" + OTHER_EXTENSION);
    }

    @Test
    void selfScopedPermission_onOwnExtensionNamedExplicitly_isGranted() {
        HttpResponse<String> response =
                http.get(Http.check("ReadMessages") + "&targetExtensionId=" + OWN_EXTENSION, "t1");

        assertThat(Http.json(response).get("successful").asBoolean()).isTrue();
    }

    @Test
    void accountScopedPermission_onAnotherExtension_isGranted() {
        HttpResponse<String> response =
                http.get(Http.check("ReadCallLog") + "&targetExtensionId=" + OTHER_EXTENSION, "t1");

        JsonNode body = Http.json(response);
        assertThat(body.get("successful").asBoolean()).isTrue();
        assertThat(body.at("/details/scopes/0").asText()).isEqualTo("Account");
    }

    @Test
    void explicitOwnAccountAndExtensionIds_areTheSameAsTilde() {
        String path = "/restapi/v1.0/account/" + ACCOUNT + "/extension/" + OWN_EXTENSION
                + "/authz-profile/check?permissionId=ReadMessages";

        HttpResponse<String> response = http.get(path, "t1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Http.json(response).get("successful").asBoolean()).isTrue();
    }

    @Test
    void anotherUsersExtensionInPath_is403Cmn404() {
        String path = "/restapi/v1.0/account/~/extension/" + OTHER_EXTENSION
                + "/authz-profile/check?permissionId=ReadMessages";

        assertError(http.get(path, "t1"), 403, "CMN-404", "Attempt to access another extension");
    }

    @Test
    void unknownExtensionInPath_is404Cmn102() {
        String path = "/restapi/v1.0/account/~/extension/999/authz-profile/check?permissionId=ReadMessages";

        assertError(http.get(path, "t1"), 404, "CMN-102", "Resource for parameter [extensionId] is not found");
    }

    @Test
    void unknownAccountInPath_is404Cmn102() {
        String path = "/restapi/v1.0/account/999/extension/~/authz-profile/check?permissionId=ReadMessages";

        assertError(http.get(path, "t1"), 404, "CMN-102", "Resource for parameter [accountId] is not found");
    }

    @Test
    void unknownPath_is404WithJsonErrorBody() {
        HttpResponse<String> response = http.get("/restapi/v1.0/account/~/extension/~/unknown", "t1");

        assertError(response, 404, "CMN-102", "Resource not found");
        assertThat(response.headers().firstValue("X-Rate-Limit-Group")).isEmpty();
    }

    static void assertError(HttpResponse<String> response, int status, String code, String message) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = Http.json(response);
        assertThat(body.get("errorCode").asText()).isEqualTo(code);
        assertThat(body.get("message").asText()).isEqualTo(message);
        assertThat(body.at("/errors/0/errorCode").asText()).isEqualTo(code);
        assertThat(body.at("/errors/0/message").asText()).isEqualTo(message);
    }
}
