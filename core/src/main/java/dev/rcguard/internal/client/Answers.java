package dev.rcguard.internal.client;

import dev.rcguard.Decision;
import dev.rcguard.Decision.Kind;
import dev.rcguard.Reason;
import dev.rcguard.internal.http.HttpResponse;
import dev.rcguard.internal.http.MalformedResponseException;
import dev.rcguard.internal.json.MalformedJsonException;
import dev.rcguard.internal.json.StrictJson;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The one place that turns RingCentral's answers into {@link Decision}s. Only a genuine grant is a grant: a 200 whose
 * {@code Content-Type} is {@code application/json} (parameters allowed) with no content coding, whose body is one strict
 * JSON object ({@link StrictJson}: UTF-8, no duplicate names, nothing after it), with {@code successful} the boolean
 * {@code true} and {@code details.permission.id} exactly the id asked — or, for a feature, exactly one record for the
 * id asked, whose {@code available} is the boolean {@code true}. The transport has already refused any answer that was
 * not strictly framed.
 *
 * <table>
 *   <caption>RingCentral answer → decision</caption>
 *   <tr><td>genuine grant</td><td>GRANTED</td></tr>
 *   <tr><td>200, {@code successful:false} or missing</td><td>DENIED, InsufficientPermissions</td></tr>
 *   <tr><td>200, the one record {@code available:false} or missing, or no record</td><td>DENIED with RingCentral's
 *       reason</td></tr>
 *   <tr><td>400, 403, 404</td><td>DENIED with RingCentral's error code and message</td></tr>
 *   <tr><td>401</td><td>UNAUTHENTICATED with RingCentral's code (OAU-128, AGW-402, …)</td></tr>
 *   <tr><td>429</td><td>UNAVAILABLE, rate limited, Retry-After (30 s when absent)</td></tr>
 *   <tr><td>more calls in flight than {@code rcguard.max-concurrent-calls}</td><td>UNAVAILABLE, Overloaded</td></tr>
 *   <tr><td>anything else: 3xx, 5xx, another content type or coding, malformed or ambiguous JSON, a wrong type, another
 *       id, a record given twice, no answer in time, a broken connection</td><td>UNAVAILABLE</td></tr>
 * </table>
 *
 * <p>Text from RingCentral that reaches a decision (codes and messages) is cleaned: the caller's token, control
 * characters and anything past {@link #MAX_TEXT} characters never reach a response body or a log.
 */
public final class Answers {

    /** RingCentral's advice when a 429 carries no {@code Retry-After}. */
    public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(30);

    static final Duration MAX_RETRY_AFTER = Duration.ofHours(24);
    static final int MAX_TEXT = 300;

    private static final Reason MALFORMED = new Reason("InvalidResponse", "RingCentral's answer could not be read");

    private Answers() {}

    /** The decision for an {@code authz-profile/check} answer about {@code permissionId}, asked with {@code token}. */
    public static Decision permission(String permissionId, HttpResponse answer, String token) {
        if (answer.status() != 200) {
            return error(Kind.PERMISSION, permissionId, answer, token);
        }
        Map<String, Object> check = object(answer);
        if (check == null) {
            return Decision.unavailable(MALFORMED);
        }
        Object successful = check.get("successful");
        if (successful == null || successful == Boolean.FALSE) { // absent: RingCentral's default is false
            return Decision.denied(
                    Kind.PERMISSION,
                    permissionId,
                    new Reason("InsufficientPermissions", "Permission " + permissionId + " is not granted"));
        }
        if (successful != Boolean.TRUE) {
            return Decision.unavailable(MALFORMED);
        }
        Object answeredId = member(member(check.get("details"), "permission"), "id");
        if (!permissionId.equals(answeredId)) {
            return Decision.unavailable(new Reason(
                    "UnexpectedResponse", "RingCentral answered about another permission than " + permissionId));
        }
        return Decision.granted();
    }

    /** One decision per id asked, from a {@code features} answer asked with {@code token}. */
    public static Map<String, Decision> features(List<String> featureIds, HttpResponse answer, String token) {
        if (answer.status() != 200) {
            return each(featureIds, id -> error(Kind.FEATURE, id, answer, token));
        }
        Map<String, Object> list = object(answer);
        if (list == null || !(list.get("records") instanceof List<?> records)) {
            return each(featureIds, id -> Decision.unavailable(MALFORMED));
        }
        Map<String, Map<?, ?>> byId = new HashMap<>();
        Map<String, Boolean> ambiguous = new HashMap<>();
        for (Object record : records) {
            if (!(record instanceof Map<?, ?> fields) || !(fields.get("id") instanceof String id)) {
                return each(featureIds, ignored -> Decision.unavailable(MALFORMED));
            }
            if (byId.putIfAbsent(id, fields) != null) {
                ambiguous.put(id, Boolean.TRUE);
            }
        }
        return each(
                featureIds,
                id -> ambiguous.containsKey(id)
                        ? Decision.unavailable(
                                new Reason("UnexpectedResponse", "RingCentral listed feature " + id + " twice"))
                        : feature(id, byId.get(id), token));
    }

    private static Decision feature(String id, Map<?, ?> record, String token) {
        if (record == null) {
            return Decision.denied(
                    Kind.FEATURE,
                    id,
                    new Reason("FeatureNotFound", "RingCentral has no feature " + id + " for this user"));
        }
        Object available = record.get("available");
        if (available == Boolean.TRUE) {
            return Decision.granted();
        }
        if (available != null && available != Boolean.FALSE) {
            return Decision.unavailable(MALFORMED);
        }
        Object reason = record.get("reason");
        Object code = member(reason, "code");
        if (!(code instanceof String)) {
            return Decision.denied(Kind.FEATURE, id, new Reason("NotAvailable", "Feature " + id + " is not available"));
        }
        Object message = member(reason, "message");
        Object permission = member(reason, "permission");
        return Decision.denied(
                Kind.FEATURE,
                id,
                new Reason(
                        clean((String) code, token),
                        message instanceof String text ? clean(text, token) : "Feature " + id + " is not available",
                        permission instanceof String name ? clean(name, token) : null));
    }

    /** The decision when no answer came: timeout, refused connection, a malformed answer, or any other failure. */
    public static Decision failure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RejectedExecutionException) {
                return Decision.unavailable(new Reason(
                        "Overloaded", "Too many calls to RingCentral are in flight; the check was not sent"));
            }
            if (t instanceof MalformedResponseException) {
                return Decision.unavailable(MALFORMED);
            }
            if (t instanceof SocketTimeoutException || t instanceof TimeoutException) {
                return Decision.unavailable(new Reason("Timeout", "RingCentral did not answer in time"));
            }
            if (t instanceof ConnectException || t instanceof UnknownHostException) {
                return Decision.unavailable(new Reason("ConnectionFailed", "RingCentral could not be reached"));
            }
        }
        return Decision.unavailable(new Reason("ConnectionFailed", "The call to RingCentral failed"));
    }

    private static Decision error(Kind kind, String id, HttpResponse answer, String token) {
        int status = answer.status();
        Reason reason = errorReason(answer, token);
        if (status == 401) {
            return Decision.invalidToken(reason);
        }
        if (status == 429) {
            return Decision.rateLimited(reason, retryAfter(answer.values("retry-after")));
        }
        if (status == 400 || status == 403 || status == 404) {
            return Decision.denied(kind, id, reason);
        }
        return Decision.unavailable(reason);
    }

    /** RingCentral's most precise code: {@code errors[0]} when present (such as OAU-128 under TokenInvalid). */
    private static Reason errorReason(HttpResponse answer, String token) {
        Map<String, Object> error = object(answer);
        String code = error == null ? null : text(error.get("errorCode"));
        String message = error == null ? null : text(error.get("message"));
        String permission = error == null ? null : text(error.get("permissionName"));
        if (error != null && error.get("errors") instanceof List<?> items && !items.isEmpty()) {
            Object first = items.get(0);
            code = firstNonNull(text(member(first, "errorCode")), code);
            message = firstNonNull(text(member(first, "message")), message);
            permission = firstNonNull(text(member(first, "permissionName")), permission);
        }
        String fallback = "RingCentral answered HTTP " + answer.status();
        return new Reason(
                code == null ? "HTTP " + answer.status() : clean(code, token),
                message == null ? fallback : clean(message, token),
                permission == null ? null : clean(permission, token));
    }

    /** Seconds or an HTTP-date; {@link #DEFAULT_RETRY_AFTER} when absent, repeated or unreadable; capped at a day. */
    static Duration retryAfter(List<String> headers) {
        if (headers.size() != 1 || headers.get(0).isBlank()) {
            return DEFAULT_RETRY_AFTER;
        }
        String value = headers.get(0).strip();
        Duration wait;
        try {
            wait = Duration.ofSeconds(Long.parseLong(value));
        } catch (NumberFormatException | ArithmeticException notSeconds) {
            try {
                ZonedDateTime until = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                wait = Duration.between(ZonedDateTime.now(until.getZone()), until);
            } catch (RuntimeException notADate) {
                return DEFAULT_RETRY_AFTER;
            }
        }
        if (wait.isNegative()) {
            return Duration.ZERO;
        }
        return wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait;
    }

    /**
     * The body as a JSON object, or {@code null} unless the answer is exactly JSON: one {@code Content-Type}
     * {@code application/json} (parameters allowed), no {@code Content-Encoding}, a strict JSON object.
     */
    private static Map<String, Object> object(HttpResponse answer) {
        String contentType = answer.single("content-type");
        if (contentType == null || !answer.values("content-encoding").isEmpty()) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        String mediaType = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
        if (!mediaType.toLowerCase(Locale.ROOT).equals("application/json")) {
            return null;
        }
        try {
            return StrictJson.parse(answer.body()) instanceof Map<?, ?> map ? cast(map) : null;
        } catch (MalformedJsonException malformed) {
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    private static Object member(Object object, String name) {
        return object instanceof Map<?, ?> map ? map.get(name) : null;
    }

    private static String text(Object value) {
        return value instanceof String s ? s : null;
    }

    private static String firstNonNull(String first, String second) {
        return first != null ? first : second;
    }

    /** RingCentral's text, safe to show: without the caller's token or control characters, and short. */
    static String clean(String text, String token) {
        String cleaned = text;
        if (token != null && !token.isEmpty()) {
            cleaned = cleaned.replace(token, "[token]");
        }
        StringBuilder s = new StringBuilder(Math.min(cleaned.length(), MAX_TEXT));
        for (int i = 0; i < cleaned.length() && s.length() < MAX_TEXT; i++) {
            char c = cleaned.charAt(i);
            s.append(Character.isISOControl(c) ? ' ' : c);
        }
        return s.toString();
    }

    static Map<String, Decision> each(List<String> ids, Function<String, Decision> decide) {
        Map<String, Decision> decisions = new HashMap<>(ids.size() * 2);
        for (String id : ids) {
            decisions.put(id, decide.apply(id));
        }
        return decisions;
    }
}
