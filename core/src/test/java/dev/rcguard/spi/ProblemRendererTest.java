package dev.rcguard.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rcguard.Decision;
import dev.rcguard.Decision.Kind;
import dev.rcguard.Reason;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProblemRendererTest {

    @Test
    void aFeatureDenialIs403_withTheDeniedIdAndRingCentralsReason() {
        ProblemResponse problem = ProblemRenderer.render(Decision.denied(
                Kind.FEATURE,
                "EditMeetings",
                new Reason("InsufficientPermissions", "No MeetingsSettings permission granted", "MeetingsSettings")));

        assertThat(problem.status()).isEqualTo(403);
        assertThat(problem.headers())
                .containsEntry("Content-Type", "application/problem+json")
                .containsEntry("Cache-Control", "no-store")
                .doesNotContainKey("WWW-Authenticate");
        assertThat(problem.bodyText())
                .isEqualTo(
                        "{\"type\":\"urn:rcguard:permission-denied\",\"title\":\"Forbidden\",\"status\":403,"
                                + "\"detail\":\"No MeetingsSettings permission granted\",\"permission\":\"EditMeetings\","
                                + "\"feature\":\"EditMeetings\",\"reason\":{\"code\":\"InsufficientPermissions\","
                                + "\"message\":\"No MeetingsSettings permission granted\",\"permission\":\"MeetingsSettings\"}}");
    }

    @Test
    void aPermissionDenialIs403_namingThePermission() {
        ProblemResponse problem = ProblemRenderer.render(Decision.denied(
                Kind.PERMISSION,
                "ReadMessages",
                new Reason("InsufficientPermissions", "Permission ReadMessages is not granted")));

        assertThat(problem.status()).isEqualTo(403);
        assertThat(problem.bodyText())
                .isEqualTo(
                        "{\"type\":\"urn:rcguard:permission-denied\",\"title\":\"Forbidden\",\"status\":403,"
                                + "\"detail\":\"Permission ReadMessages is not granted\",\"permission\":\"ReadMessages\","
                                + "\"reason\":{\"code\":\"InsufficientPermissions\",\"message\":\"Permission ReadMessages is not granted\"}}");
    }

    @Test
    void noTokenIs401_withABearerChallenge() {
        ProblemResponse problem = ProblemRenderer.render(Decision.missingToken());

        assertThat(problem.status()).isEqualTo(401);
        assertThat(problem.headers()).containsEntry("WWW-Authenticate", "Bearer realm=\"RingCentral\"");
        assertThat(problem.bodyText())
                .isEqualTo("{\"type\":\"urn:rcguard:unauthenticated\",\"title\":\"Unauthorized\",\"status\":401,"
                        + "\"detail\":\"A RingCentral access token is required, and the request carried none\"}");
    }

    @Test
    void aRejectedTokenIs401_withInvalidToken() {
        ProblemResponse problem =
                ProblemRenderer.render(Decision.invalidToken(new Reason("OAU-128", "Access token expired")));

        assertThat(problem.status()).isEqualTo(401);
        assertThat(problem.headers())
                .containsEntry("WWW-Authenticate", "Bearer realm=\"RingCentral\", error=\"invalid_token\"");
        assertThat(problem.bodyText())
                .contains("\"reason\":{\"code\":\"OAU-128\",\"message\":\"Access token expired\"}");
    }

    @Test
    void rateLimitedIs503_withRetryAfterInWholeSecondsRoundedUp() {
        ProblemResponse problem = ProblemRenderer.render(
                Decision.rateLimited(new Reason("CMN-301", "Request rate exceeded"), Duration.ofMillis(4_200)));

        assertThat(problem.status()).isEqualTo(503);
        assertThat(problem.headers()).containsEntry("Retry-After", "5");
        assertThat(problem.bodyText())
                .startsWith("{\"type\":\"urn:rcguard:unavailable\",\"title\":\"Service Unavailable\",\"status\":503,");
    }

    @Test
    void unavailableIs503_withoutRetryAfter() {
        ProblemResponse problem = ProblemRenderer.render(
                Decision.unavailable(new Reason("Timeout", "RingCentral did not answer in time")));

        assertThat(problem.status()).isEqualTo(503);
        assertThat(problem.headers()).doesNotContainKey("Retry-After");
        assertThat(problem.bodyText()).contains("\"reason\":{\"code\":\"Timeout\"");
    }

    @Test
    void escapesEverythingRingCentralSays() {
        ProblemResponse problem = ProblemRenderer.render(
                Decision.denied(Kind.FEATURE, "SMSSending", new Reason("X\"Y", "line\nbreak <script>\\ \u0001")));
        assertThat(problem.bodyText())
                .contains("\"code\":\"X\\\"Y\"")
                .contains("line\\nbreak \\u003cscript\\u003e\\\\ \\u0001");
    }

    @Test
    void aGrantIsNotARefusal() {
        assertThatThrownBy(() -> ProblemRenderer.render(Decision.granted()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
