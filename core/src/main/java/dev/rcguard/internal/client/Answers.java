package dev.rcguard.internal.client;

import dev.rcguard.Decision;
import dev.rcguard.Decision.Kind;
import dev.rcguard.Reason;
import dev.rcguard.internal.http.HttpResponse;
import dev.rcguard.internal.http.MalformedResponseException;
import dev.rcguard.internal.json.MalformedJsonException;
import dev.rcguard.internal.json.StrictJson;
import dev.rcguard.spi.Caller;
import dev.rcguard.spi.RingCentralClient.Answer;
import dev.rcguard.spi.RingCentralClient.RateLimit;
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

    private static final Reason ANOTHER_QUESTION = new Reason(
            "UnexpectedResponse",
            "RingCentral's answer is about another user, permission or target than the one asked");

    private Answers() {}

    /** As the five-argument form, for a check of the caller's own permission whose user is not known yet. */
    public static Answer permission(String permissionId, HttpResponse answer, String token) {
        return permission(permissionId, null, null, answer, token);
    }

    /**
     * What an {@code authz-profile/check} answer about {@code permissionId}, asked with {@code token}, says: the
     * decision, the rate-limit headers, and the user its {@code uri} names. When the user asked about is known
     * ({@code askedAbout}), a 200 answer counts only if its {@code uri} names that user, the permission and the target
     * asked: the call may have gone over a connection other users' calls used, and an answer to another question is
     * never taken for this one's.
     *
     * @param askedAbout the user asked about, {@code accountId/extensionId}, or {@code null} when the call names
     *     {@code ~} and nothing has told which user that is
     */
    public static Answer permission(
            String permissionId, String targetExtensionId, String askedAbout, HttpResponse answer, String token) {
        RateLimit rateLimit = rateLimit(answer);
        if (answer.status() != 200) {
            return new Answer(
                    Map.of(permissionId, error(Kind.PERMISSION, permissionId, answer, token)), rateLimit, null);
        }
        Map<String, Object> check = object(answer);
        if (check == null) {
            return new Answer(Map.of(permissionId, Decision.unavailable(MALFORMED)), rateLimit, null);
        }
        if (askedAbout == null) {
            return new Answer(Map.of(permissionId, permission(permissionId, check)), rateLimit, user(check.get("uri")));
        }
        if (!answers(check.get("uri"), askedAbout, permissionId, targetExtensionId)) {
            return new Answer(Map.of(permissionId, Decision.unavailable(ANOTHER_QUESTION)), rateLimit, null);
        }
        return new Answer(Map.of(permissionId, permission(permissionId, check)), rateLimit, askedAbout);
    }

    /**
     * The user a permission check asks about, {@code accountId/extensionId}, or {@code null} when unknown: the ids
     * the call names, each {@code ~} replaced by the token's {@code user} as an earlier answer named it.
     */
    public static String askedAbout(String accountId, String extensionId, String user) {
        int slash = user == null ? -1 : user.indexOf('/');
        String account = !Caller.OWN.equals(accountId) ? accountId : slash < 0 ? null : user.substring(0, slash);
        String extension = !Caller.OWN.equals(extensionId) ? extensionId : slash < 0 ? null : user.substring(slash + 1);
        return account == null || extension == null ? null : account + '/' + extension;
    }

    /**
     * Whether a check answer's {@code uri} is about exactly this question: the user, the permission, and the target
     * (RingCentral names the user's own extension as the target when none was asked).
     */
    static boolean answers(Object uri, String user, String permissionId, String targetExtensionId) {
        if (!(uri instanceof String text)) {
            return false;
        }
        CheckPath path = CheckPath.in(text);
        if (path == null || !user.equals(path.user())) {
            return false;
        }
        String permission = null;
        String target = null;
        for (String parameter : text.substring(path.end()).split("&", -1)) {
            int equals = parameter.indexOf('=');
            String name = equals < 0 ? parameter : parameter.substring(0, equals);
            String value = equals < 0 ? "" : parameter.substring(equals + 1);
            if (name.equals("permissionId")) {
                if (permission != null) {
                    return false;
                }
                permission = value;
            } else if (name.equals("targetExtensionId")) {
                if (target != null) {
                    return false;
                }
                target = value;
            }
        }
        boolean ownTarget = targetExtensionId == null || Caller.OWN.equals(targetExtensionId);
        return permissionId.equals(permission)
                && (target == null ? ownTarget : target.equals(ownTarget ? path.extension() : targetExtensionId));
    }

    /**
     * Whether the connection an answer came on may carry another call: the answer decided something. A malformed,
     * ambiguous or misdirected answer, a 5xx or a 429 says the connection, or the server behind it, is not to be trusted
     * further.
     */
    public static boolean sound(Answer answer) {
        for (Decision decision : answer.decisions().values()) {
            if (decision.outcome() == Decision.Outcome.UNAVAILABLE) {
                return false;
            }
        }
        return true;
    }

    private static Decision permission(String permissionId, Map<String, Object> check) {
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

    /**
     * One decision per id asked, from a {@code features} answer asked with {@code token}, with its rate-limit headers
     * (a features answer has no {@code uri}: it names no user).
     */
    public static Answer features(List<String> featureIds, HttpResponse answer, String token) {
        return new Answer(decisions(featureIds, answer, token), rateLimit(answer), null);
    }

    private static Map<String, Decision> decisions(List<String> featureIds, HttpResponse answer, String token) {
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

    /**
     * The {@code X-Rate-Limit-*} headers (names in any case), or {@code null} unless each came exactly once and
     * they agree: a group name, a positive limit, a remaining count between 0 and the limit, a window of 1 s to a day.
     */
    static RateLimit rateLimit(HttpResponse answer) {
        String group = answer.single("x-rate-limit-group");
        int limit = count(answer.single("x-rate-limit-limit"));
        int remaining = count(answer.single("x-rate-limit-remaining"));
        int window = count(answer.single("x-rate-limit-window"));
        if (group == null || limit < 1 || remaining < 0 || remaining > limit || window < 1 || window > 86_400) {
            return null;
        }
        try {
            return new RateLimit(group, limit, remaining, Duration.ofSeconds(window));
        } catch (IllegalArgumentException notAGroupName) {
            return null;
        }
    }

    /** A count of at most nine digits, or -1. */
    private static int count(String value) {
        if (value == null || value.isEmpty() || value.length() > 9) {
            return -1;
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return -1;
            }
        }
        return Integer.parseInt(value);
    }

    /** {@code accountId/extensionId} from a check answer's {@code uri}, or {@code null} when it names no user. */
    static String user(Object uri) {
        if (!(uri instanceof String text)) {
            return null;
        }
        CheckPath path = CheckPath.in(text);
        return path == null ? null : path.user();
    }

    /**
     * The first {@code /restapi/v1.0/account/A/extension/E/authz-profile/check?} in a check answer's {@code uri}, A and E
     * each 1–20 digits, and where its query begins: what {@code find()} of that regular expression gives, without one
     * (it is asked of every live answer).
     */
    record CheckPath(String account, String extension, int end) {

        private static final String ACCOUNT = "/restapi/v1.0/account/";
        private static final String EXTENSION = "/extension/";
        private static final String CHECK = "/authz-profile/check?";

        static CheckPath in(String uri) {
            for (int at = uri.indexOf(ACCOUNT); at >= 0; at = uri.indexOf(ACCOUNT, at + 1)) {
                int account = at + ACCOUNT.length();
                int accountEnd = digits(uri, account);
                if (accountEnd < 0 || !uri.startsWith(EXTENSION, accountEnd)) {
                    continue;
                }
                int extension = accountEnd + EXTENSION.length();
                int extensionEnd = digits(uri, extension);
                if (extensionEnd >= 0 && uri.startsWith(CHECK, extensionEnd)) {
                    return new CheckPath(
                            uri.substring(account, accountEnd),
                            uri.substring(extension, extensionEnd),
                            extensionEnd + CHECK.length());
                }
            }
            return null;
        }

        /** Where the digits from {@code from} end, or -1 unless there are 1 to 20 of them. */
        private static int digits(String text, int from) {
            int end = from;
            while (end < text.length() && text.charAt(end) >= '0' && text.charAt(end) <= '9') {
                end++;
            }
            return end == from || end - from > 20 ? -1 : end;
        }

        /** {@code accountId/extensionId}. */
        String user() {
            return account + '/' + extension;
        }
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
    static Map<String, Object> object(HttpResponse answer) {
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

    private static Map<String, Decision> each(List<String> ids, Function<String, Decision> decide) {
        Map<String, Decision> decisions = new HashMap<>(ids.size() * 2);
        for (String id : ids) {
            decisions.put(id, decide.apply(id));
        }
        return decisions;
    }
}
