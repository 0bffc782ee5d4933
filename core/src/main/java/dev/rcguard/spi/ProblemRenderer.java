package dev.rcguard.spi;

import dev.rcguard.Decision;
import dev.rcguard.Decision.Kind;
import dev.rcguard.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders every refusal, for every adapter, as RFC 9457 {@code application/problem+json}.
 *
 * <table>
 *   <caption>Decision → response</caption>
 *   <tr><td>DENIED</td><td>403 {@code urn:rcguard:permission-denied}, the denied id and RingCentral's reason</td></tr>
 *   <tr><td>UNAUTHENTICATED, no token</td><td>401 {@code urn:rcguard:unauthenticated},
 *       {@code WWW-Authenticate: Bearer realm="RingCentral"}</td></tr>
 *   <tr><td>UNAUTHENTICATED by RingCentral</td><td>401, {@code WWW-Authenticate} with
 *       {@code error="invalid_token"}</td></tr>
 *   <tr><td>UNAVAILABLE</td><td>503 {@code urn:rcguard:unavailable}, {@code Retry-After} when rate limited</td></tr>
 * </table>
 *
 * <p>A 403 body names the denied id under {@code permission} (the contract's name, for features too); a feature
 * denial also names it under {@code feature}.
 */
public final class ProblemRenderer {

    /** The media type of every refusal's body (RFC 9457). */
    public static final String CONTENT_TYPE = "application/problem+json";
    /** The problem type of a 403: RingCentral denied a permission or feature. */
    public static final String TYPE_DENIED = "urn:rcguard:permission-denied";
    /** The problem type of a 401: no usable token, or RingCentral rejected it. */
    public static final String TYPE_UNAUTHENTICATED = "urn:rcguard:unauthenticated";
    /** The problem type of a 503: RingCentral gave no usable answer, or its rate limit was reached. */
    public static final String TYPE_UNAVAILABLE = "urn:rcguard:unavailable";

    static final String CHALLENGE = "Bearer realm=\"RingCentral\"";
    static final String CHALLENGE_INVALID = "Bearer realm=\"RingCentral\", error=\"invalid_token\"";
    static final String DETAIL_NO_TOKEN = "A RingCentral access token is required, and the request carried none";
    static final String DETAIL_INVALID_TOKEN = "RingCentral did not accept the access token";
    static final String DETAIL_UNAVAILABLE = "RingCentral could not confirm the permission; try again later";
    static final String DETAIL_RATE_LIMITED = "RingCentral's rate limit for this user was reached; retry later";

    private ProblemRenderer() {}

    /**
     * The response for a refusal.
     *
     * @param decision a decision that did not grant
     * @return its status, headers and problem+json body
     * @throws IllegalArgumentException for a grant
     */
    public static ProblemResponse render(Decision decision) {
        return switch (decision.outcome()) {
            case DENIED -> denied(decision);
            case UNAUTHENTICATED -> unauthenticated(decision.reason());
            case UNAVAILABLE -> unavailable(decision);
            case GRANTED -> throw new IllegalArgumentException("a granted decision is not a refusal");
        };
    }

    private static ProblemResponse denied(Decision decision) {
        Reason reason = decision.reason();
        Json body =
                Json.problem(TYPE_DENIED, "Forbidden", 403, reason.message()).field("permission", decision.id());
        if (decision.kind() == Kind.FEATURE) {
            body.field("feature", decision.id());
        }
        body.reason(reason);
        return response(403, Map.of(), body);
    }

    private static ProblemResponse unauthenticated(Reason reason) {
        if (reason == null) {
            return response(
                    401,
                    Map.of("WWW-Authenticate", CHALLENGE),
                    Json.problem(TYPE_UNAUTHENTICATED, "Unauthorized", 401, DETAIL_NO_TOKEN));
        }
        return response(
                401,
                Map.of("WWW-Authenticate", CHALLENGE_INVALID),
                Json.problem(TYPE_UNAUTHENTICATED, "Unauthorized", 401, DETAIL_INVALID_TOKEN)
                        .reason(reason));
    }

    private static ProblemResponse unavailable(Decision decision) {
        Duration retryAfter = decision.retryAfter();
        String detail = retryAfter == null ? DETAIL_UNAVAILABLE : DETAIL_RATE_LIMITED;
        Json body = Json.problem(TYPE_UNAVAILABLE, "Service Unavailable", 503, detail)
                .reason(decision.reason());
        if (retryAfter == null) {
            return response(503, Map.of(), body);
        }
        return response(503, Map.of("Retry-After", Long.toString(seconds(retryAfter))), body);
    }

    /** Whole seconds, rounded up: waiting a little longer never restarts RingCentral's penalty. */
    static long seconds(Duration wait) {
        long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }

    private static ProblemResponse response(int status, Map<String, String> extra, Json body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", CONTENT_TYPE);
        headers.put("Cache-Control", "no-store");
        headers.putAll(extra);
        return new ProblemResponse(status, headers, body.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A minimal JSON object writer: the problem body is flat, and every string is escaped. */
    private static final class Json {
        private final StringBuilder out = new StringBuilder(256).append('{');

        static Json problem(String type, String title, int status, String detail) {
            Json json = new Json();
            json.field("type", type).field("title", title);
            json.comma().append("\"status\":").append(status);
            return json.field("detail", detail);
        }

        Json field(String name, String value) {
            if (value != null) {
                comma().append('"').append(name).append("\":");
                string(value);
            }
            return this;
        }

        Json reason(Reason reason) {
            if (reason != null) {
                comma().append("\"reason\":{");
                int start = out.length();
                field("code", reason.code())
                        .field("message", reason.message())
                        .field("permission", reason.permission());
                if (out.charAt(start) == ',') {
                    out.deleteCharAt(start);
                }
                out.append('}');
            }
            return this;
        }

        private StringBuilder comma() {
            char last = out.charAt(out.length() - 1);
            return last == '{' ? out : out.append(',');
        }

        private void string(String value) {
            out.append('"');
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == 0x2028 || c == 0x2029) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        }

        @Override
        public String toString() {
            return out + "}";
        }
    }
}
