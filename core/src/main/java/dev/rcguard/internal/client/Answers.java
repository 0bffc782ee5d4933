package dev.rcguard.internal.client;

import dev.rcguard.Decision;
import dev.rcguard.Decision.Kind;
import dev.rcguard.Reason;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
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
 * The one place that turns RingCentral's answers into {@link Decision}s. Anything it does not recognise as a grant
 * is not a grant: a missing {@code successful} or {@code available} is a denial; an unreadable, unexpected or
 * failed answer makes the decision {@code UNAVAILABLE}.
 *
 * <table>
 *   <caption>RingCentral answer → decision</caption>
 *   <tr><td>200, {@code successful:true} for the id asked</td><td>GRANTED</td></tr>
 *   <tr><td>200, {@code successful:false} or missing</td><td>DENIED, InsufficientPermissions</td></tr>
 *   <tr><td>200, record {@code available:true}</td><td>GRANTED</td></tr>
 *   <tr><td>200, {@code available:false}/missing, or no record</td><td>DENIED with RingCentral's reason</td></tr>
 *   <tr><td>400, 403, 404</td><td>DENIED with RingCentral's error code and message</td></tr>
 *   <tr><td>401</td><td>UNAUTHENTICATED with RingCentral's code (OAU-128, AGW-402, …)</td></tr>
 *   <tr><td>429</td><td>UNAVAILABLE, rate limited, Retry-After (30 s when absent)</td></tr>
 *   <tr><td>more calls in flight than {@code rcguard.max-concurrent-calls}</td><td>UNAVAILABLE, Overloaded</td></tr>
 *   <tr><td>5xx, other statuses, non-JSON or malformed body, wrong id, I/O failure</td><td>UNAVAILABLE</td></tr>
 * </table>
 */
public final class Answers {

    /** RingCentral's advice when a 429 carries no {@code Retry-After}. */
    public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(30);

    static final Duration MAX_RETRY_AFTER = Duration.ofHours(24);

    private static final Reason MALFORMED = new Reason("InvalidResponse", "RingCentral's answer could not be read");

    private final Jsonb jsonb;

    public Answers(Jsonb jsonb) {
        this.jsonb = jsonb;
    }

    /** The decision for an {@code authz-profile/check} answer about {@code permissionId}. */
    public Decision permission(String permissionId, HttpAnswer answer) {
        if (answer.status() != 200) {
            return error(Kind.PERMISSION, permissionId, answer);
        }
        Dto.PermissionCheck check = parse(answer, Dto.PermissionCheck.class);
        if (check == null || !isBooleanOrAbsent(check.successful())) {
            return Decision.unavailable(MALFORMED);
        }
        if (check.successful() != JsonValue.TRUE) {
            return Decision.denied(
                    Kind.PERMISSION,
                    permissionId,
                    new Reason("InsufficientPermissions", "Permission " + permissionId + " is not granted"));
        }
        String answeredId = check.details() == null || check.details().permission() == null
                ? null
                : check.details().permission().id();
        if (!permissionId.equals(answeredId)) {
            return Decision.unavailable(new Reason(
                    "UnexpectedResponse", "RingCentral answered about another permission than " + permissionId));
        }
        return Decision.granted();
    }

    /** One decision per id asked, from a {@code features} answer. */
    public Map<String, Decision> features(List<String> featureIds, HttpAnswer answer) {
        if (answer.status() != 200) {
            return each(featureIds, id -> error(Kind.FEATURE, id, answer));
        }
        Dto.FeatureList list = parse(answer, Dto.FeatureList.class);
        if (list == null || list.records() == null) {
            return each(featureIds, id -> Decision.unavailable(MALFORMED));
        }
        Map<String, Dto.Feature> byId = new HashMap<>();
        for (Dto.Feature record : list.records()) {
            if (record == null || !isBooleanOrAbsent(record.available())) {
                return each(featureIds, id -> Decision.unavailable(MALFORMED));
            }
            if (record.id() != null) {
                byId.putIfAbsent(record.id(), record);
            }
        }
        return each(featureIds, id -> feature(id, byId.get(id)));
    }

    private static Decision feature(String id, Dto.Feature record) {
        if (record == null) {
            return Decision.denied(
                    Kind.FEATURE,
                    id,
                    new Reason("FeatureNotFound", "RingCentral has no feature " + id + " for this user"));
        }
        if (record.available() == JsonValue.TRUE) {
            return Decision.granted();
        }
        Dto.FeatureReason reason = record.reason();
        if (reason == null || reason.code() == null) {
            return Decision.denied(Kind.FEATURE, id, new Reason("NotAvailable", "Feature " + id + " is not available"));
        }
        String message = reason.message() == null ? "Feature " + id + " is not available" : reason.message();
        return Decision.denied(Kind.FEATURE, id, new Reason(reason.code(), message, reason.permission()));
    }

    /** The decision when no answer came: timeout, refused connection, or any other failure. */
    public Decision failure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RejectedExecutionException) {
                return Decision.unavailable(new Reason(
                        "Overloaded", "Too many calls to RingCentral are in flight; the check was not sent"));
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

    private Decision error(Kind kind, String id, HttpAnswer answer) {
        int status = answer.status();
        Reason reason = errorReason(answer);
        if (status == 401) {
            return Decision.invalidToken(reason);
        }
        if (status == 429) {
            return Decision.rateLimited(reason, retryAfter(answer.retryAfter()));
        }
        if (status == 400 || status == 403 || status == 404) {
            return Decision.denied(kind, id, reason);
        }
        return Decision.unavailable(reason);
    }

    /** RingCentral's most precise code: {@code errors[0]} when present (such as OAU-128 under TokenInvalid). */
    private Reason errorReason(HttpAnswer answer) {
        String fallback = "HTTP " + answer.status();
        Dto.Error error = parse(answer, Dto.Error.class);
        if (error == null) {
            return new Reason(fallback, "RingCentral answered HTTP " + answer.status());
        }
        String code = error.errorCode();
        String message = error.message();
        String permission = error.permissionName();
        if (error.errors() != null
                && !error.errors().isEmpty()
                && error.errors().get(0) != null) {
            Dto.ErrorItem first = error.errors().get(0);
            code = first.errorCode() != null ? first.errorCode() : code;
            message = first.message() != null ? first.message() : message;
            permission = first.permissionName() != null ? first.permissionName() : permission;
        }
        return new Reason(
                code == null ? fallback : code,
                message == null ? "RingCentral answered HTTP " + answer.status() : message,
                permission);
    }

    /** Seconds or an HTTP-date; {@link #DEFAULT_RETRY_AFTER} when absent or unreadable; capped at a day. */
    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return DEFAULT_RETRY_AFTER;
        }
        String value = header.strip();
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

    private static boolean isBooleanOrAbsent(JsonValue value) {
        return value == null
                || value.getValueType() == JsonValue.ValueType.TRUE
                || value.getValueType() == JsonValue.ValueType.FALSE
                || value.getValueType() == JsonValue.ValueType.NULL;
    }

    /** The body as {@code type}, or {@code null} if it is not JSON of that shape. */
    private <T> T parse(HttpAnswer answer, Class<T> type) {
        String contentType =
                answer.contentType() == null ? "" : answer.contentType().toLowerCase(Locale.ROOT);
        if (!contentType.startsWith("application/json") && !contentType.contains("+json")) {
            return null;
        }
        String body = answer.body().strip();
        if (!body.startsWith("{")) {
            return null;
        }
        try {
            return jsonb.fromJson(body, type);
        } catch (RuntimeException malformed) {
            return null;
        }
    }

    static Map<String, Decision> each(List<String> ids, Function<String, Decision> decide) {
        Map<String, Decision> decisions = new HashMap<>(ids.size() * 2);
        for (String id : ids) {
            decisions.put(id, decide.apply(id));
        }
        return decisions;
    }
}
