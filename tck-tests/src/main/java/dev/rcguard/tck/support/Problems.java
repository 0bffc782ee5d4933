package dev.rcguard.tck.support;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;

/**
 * Assertions on the contract's refusals (ARCHITECTURE.md, "Responses"): status, headers and the
 * {@code application/problem+json} body, checked whole.
 *
 * <pre>{@code
 * Problems.assertDenied(reply, "ReadMessages", "InsufficientPermissions", "Permission ReadMessages is not granted");
 * }</pre>
 */
public final class Problems {

    /** The {@code WWW-Authenticate} challenge of a 401 without a token. */
    public static final String CHALLENGE = "Bearer realm=\"RingCentral\"";
    /** The {@code WWW-Authenticate} challenge of a 401 for a token RingCentral rejected. */
    public static final String CHALLENGE_INVALID = "Bearer realm=\"RingCentral\", error=\"invalid_token\"";

    private Problems() {}

    /**
     * 403 {@code urn:rcguard:permission-denied} naming {@code id}, with RingCentral's reason.
     *
     * @param reply the reply
     * @param id the denied permission or feature id
     * @param code RingCentral's reason code
     * @param message RingCentral's message
     * @return the problem's body
     */
    public static JsonObject assertDenied(Reply reply, String id, String code, String message) {
        JsonObject body = assertProblem(reply, 403, "urn:rcguard:permission-denied", "Forbidden");
        assertThat(body.getString("permission")).as("denied id").isEqualTo(id);
        assertThat(body.getString("detail")).isEqualTo(message);
        JsonObject reason = body.getJsonObject("reason");
        assertThat(reason.getString("code")).isEqualTo(code);
        assertThat(reason.getString("message")).isEqualTo(message);
        assertThat(reply.header("WWW-Authenticate")).isNull();
        return body;
    }

    /**
     * 401 without a call to RingCentral: no or malformed bearer token.
     *
     * @param reply the reply
     * @return the problem's body
     */
    public static JsonObject assertNoToken(Reply reply) {
        JsonObject body = assertProblem(reply, 401, "urn:rcguard:unauthenticated", "Unauthorized");
        assertThat(reply.header("WWW-Authenticate")).isEqualTo(CHALLENGE);
        assertThat(body.containsKey("reason"))
                .as("no reason: nothing was asked")
                .isFalse();
        return body;
    }

    /**
     * 401 because RingCentral rejected the token, its code passed on.
     *
     * @param reply the reply
     * @param code RingCentral's error code, such as {@code OAU-128}
     * @return the problem's body
     */
    public static JsonObject assertInvalidToken(Reply reply, String code) {
        JsonObject body = assertProblem(reply, 401, "urn:rcguard:unauthenticated", "Unauthorized");
        assertThat(reply.header("WWW-Authenticate")).isEqualTo(CHALLENGE_INVALID);
        assertThat(body.getJsonObject("reason").getString("code")).isEqualTo(code);
        return body;
    }

    /**
     * 503, fail closed, no {@code Retry-After}.
     *
     * @param reply the reply
     * @return the problem's body
     */
    public static JsonObject assertUnavailable(Reply reply) {
        JsonObject body = assertProblem(reply, 503, "urn:rcguard:unavailable", "Service Unavailable");
        assertThat(reply.header("Retry-After")).isNull();
        assertThat(body.containsKey("reason")).isTrue();
        return body;
    }

    /**
     * 503 after RingCentral's 429, {@code Retry-After} passed on.
     *
     * @param reply the reply
     * @param retryAfter the expected {@code Retry-After}
     * @return the problem's body
     */
    public static JsonObject assertRateLimited(Reply reply, String retryAfter) {
        JsonObject body = assertProblem(reply, 503, "urn:rcguard:unavailable", "Service Unavailable");
        assertThat(reply.header("Retry-After")).isEqualTo(retryAfter);
        return body;
    }

    /**
     * The parts every refusal shares.
     *
     * @param reply the reply
     * @param status the expected status
     * @param type the expected problem type
     * @param title the expected title
     * @return the problem's body
     */
    public static JsonObject assertProblem(Reply reply, int status, String type, String title) {
        assertThat(reply.status()).as("status of %s", reply).isEqualTo(status);
        assertThat(reply.header("Content-Type")).as("content type").startsWith("application/problem+json");
        JsonObject body = reply.json();
        assertThat(body.getString("type")).isEqualTo(type);
        assertThat(body.getString("title")).isEqualTo(title);
        assertThat(body.getInt("status")).isEqualTo(status);
        assertThat(body.getString("detail")).isNotBlank();
        return body;
    }

    /**
     * The token never comes back: not in the body, not in a header.
     *
     * @param reply the reply
     * @param token the token the request carried
     */
    public static void assertTokenNotEchoed(Reply reply, String token) {
        assertThat(reply.body()).doesNotContain(token);
        assertThat(reply.headers().map().toString()).doesNotContain(token);
    }
}
