package dev.rcguard.internal.client;

import dev.rcguard.internal.http.HttpResponse;
import dev.rcguard.internal.http.HttpTransport;
import dev.rcguard.internal.json.StrictJson;
import dev.rcguard.spi.Caller;
import dev.rcguard.spi.GuardConfig;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import javax.net.ssl.SSLSocketFactory;

/**
 * RingCentral's token endpoint, for one grant: {@code refresh_token}. {@code POST /restapi/oauth/token} on the
 * configured server, the app's credentials as HTTP Basic, the answer read strictly: a new access token and a new
 * refresh token (RingCentral rotates them), both well-formed, of type bearer. Anything else is a failed refresh, logged
 * with RingCentral's status and error code, never a token or the secret.
 */
public final class TokenEndpoint {

    private static final System.Logger LOG = System.getLogger("dev.rcguard");
    private static final String TOKEN = "/restapi/oauth/token";
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_.-]{1,40}");
    /** The fields of RingCentral's token answer that an application keeps; no other is copied. */
    private static final List<String> TEXT_FIELDS =
            List.of("access_token", "token_type", "refresh_token", "scope", "owner_id", "endpoint_id");

    private static final List<String> NUMBER_FIELDS = List.of("expires_in", "refresh_token_expires_in");

    private final HttpTransport transport;
    private final String basicCredentials;
    private final long budgetNanos;

    public TokenEndpoint(GuardConfig config, GuardConfig.OAuthClient client) {
        this.transport = new HttpTransport(
                config.serverUrl(),
                (SSLSocketFactory) SSLSocketFactory.getDefault(),
                config.connectTimeout(),
                config.readTimeout(),
                0);
        this.basicCredentials = "Basic "
                + Base64.getEncoder()
                        .encodeToString((client.id() + ":" + client.secret()).getBytes(StandardCharsets.UTF_8));
        this.budgetNanos = config.connectTimeout().plus(config.readTimeout()).toNanos();
    }

    /**
     * RingCentral's new token answer for {@code refreshToken} ({@code access_token}, {@code refresh_token},
     * {@code expires_in}, ... as RingCentral named them), or {@code null} when the refresh failed.
     */
    public Map<String, Object> refresh(String refreshToken) {
        if (!Caller.isWellFormedToken(refreshToken)) {
            LOG.log(Level.WARNING, "The session's RingCentral refresh token is malformed; not sent");
            return null;
        }
        String form =
                "grant_type=refresh_token&refresh_token=" + URLEncoder.encode(refreshToken, StandardCharsets.UTF_8);
        HttpResponse answer;
        try {
            answer = transport.post(TOKEN, basicCredentials, form, System.nanoTime() + budgetNanos);
        } catch (IOException | RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "Refreshing a RingCentral access token failed: {0}",
                    e.getClass().getSimpleName());
            return null;
        }
        Map<String, Object> body = Answers.object(answer);
        if (answer.status() != 200) {
            LOG.log(
                    Level.WARNING,
                    "RingCentral refused to refresh an access token: HTTP {0} {1}",
                    answer.status(),
                    errorCode(body));
            return null;
        }
        Map<String, Object> tokens = tokens(body);
        if (tokens == null) {
            LOG.log(Level.WARNING, "RingCentral's answer to a token refresh could not be read; no token taken");
        }
        return tokens;
    }

    /** The answer's fields, or {@code null} unless it holds two well-formed bearer tokens. */
    private static Map<String, Object> tokens(Map<String, Object> body) {
        if (body == null
                || !(body.get("access_token") instanceof String access && Caller.isWellFormedToken(access))
                || !(body.get("refresh_token") instanceof String refresh && Caller.isWellFormedToken(refresh))
                || !(body.get("token_type") instanceof String type
                        && type.toLowerCase(Locale.ROOT).equals("bearer"))) {
            return null;
        }
        Map<String, Object> tokens = new LinkedHashMap<>();
        for (String field : TEXT_FIELDS) {
            if (body.get(field) instanceof String text) {
                tokens.put(field, text);
            }
        }
        for (String field : NUMBER_FIELDS) {
            if (body.get(field) instanceof StrictJson.Number number
                    && number.text().matches("[0-9]{1,12}")) {
                tokens.put(field, Long.parseLong(number.text()));
            }
        }
        return tokens;
    }

    /** RingCentral's error code ({@code errors[0].errorCode}, {@code errorCode} or OAuth's {@code error}), if plain. */
    private static String errorCode(Map<String, Object> body) {
        if (body == null) {
            return "";
        }
        Object code = body.get("errors") instanceof List<?> errors
                        && !errors.isEmpty()
                        && errors.get(0) instanceof Map<?, ?> first
                ? first.get("errorCode")
                : null;
        if (code == null) {
            code = body.get("errorCode") != null ? body.get("errorCode") : body.get("error");
        }
        return code instanceof String text && CODE.matcher(text).matches() ? text : "";
    }
}
