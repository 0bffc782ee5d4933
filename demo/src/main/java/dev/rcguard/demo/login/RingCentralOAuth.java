package dev.rcguard.demo.login;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import jakarta.servlet.ServletContext;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The application's side of RingCentral's OAuth (authorization code with PKCE): the address of RingCentral's sign-in
 * page, and the server-side exchange of the code at {@code POST /restapi/oauth/token} with the app's credentials. The
 * settings are the guard's own, from the application's context parameters: {@code rcguard.server-url},
 * {@code rcguard.client-id} and {@code rcguard.client-secret}.
 *
 * <pre>{@code
 * RingCentralOAuth oauth = RingCentralOAuth.of(servletContext);
 * Map<String, Object> tokens = oauth.exchange(code, redirectUri, verifier); // RingCentral's token answer
 * }</pre>
 */
final class RingCentralOAuth {

    /** The fields of RingCentral's token answer the session keeps, as the guard keeps them after a refresh. */
    private static final List<String> TEXT_FIELDS =
            List.of("access_token", "token_type", "refresh_token", "scope", "owner_id", "endpoint_id");

    private static final List<String> NUMBER_FIELDS = List.of("expires_in", "refresh_token_expires_in");
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_.-]{1,40}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** A sign-in RingCentral refused, in words fit for a log line or a page: never a code, token or secret. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    private final URI server;
    private final String clientId;
    private final String basicCredentials;
    private HttpClient http; // made by the first exchange: the sign-in page's address needs none

    private RingCentralOAuth(URI server, String clientId, String clientSecret) {
        this.server = server;
        this.clientId = clientId;
        this.basicCredentials = "Basic "
                + Base64.getEncoder().encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
    }

    private synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder()
                    .connectTimeout(TIMEOUT)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
        }
        return http;
    }

    /** From the application's {@code rcguard.server-url}, {@code rcguard.client-id} and {@code rcguard.client-secret}. */
    static RingCentralOAuth of(ServletContext context) {
        String server = required(context, "rcguard.server-url");
        return new RingCentralOAuth(
                URI.create(server.endsWith("/") ? server.substring(0, server.length() - 1) : server),
                required(context, "rcguard.client-id"),
                required(context, "rcguard.client-secret"));
    }

    private static String required(ServletContext context, String name) {
        String value = context.getInitParameter(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("The sign-in needs the context parameter " + name);
        }
        return value.strip();
    }

    /** 32 random bytes, base64url without padding (43 characters): a {@code state}, or a PKCE verifier. */
    static String randomSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The PKCE challenge of a verifier, method {@code S256} (RFC 7636 section 4.2). */
    static String challenge(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    /** RingCentral's sign-in page for this sign-in; {@code loginHint} fills in (for the simulator: picks) the user. */
    URI authorizeUri(String redirectUri, String state, String verifier, String loginHint) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", clientId);
        query.put("redirect_uri", redirectUri);
        query.put("state", state);
        query.put("code_challenge", challenge(verifier));
        query.put("code_challenge_method", "S256");
        query.put("login_hint", loginHint);
        return URI.create(server + "/restapi/oauth/authorize?" + form(query));
    }

    /**
     * Exchanges the code for RingCentral's token answer, with the app's credentials and the PKCE verifier.
     *
     * @return the answer's fields the session keeps: two tokens, their type and lifetimes, scope, owner and endpoint
     * @throws Refused when RingCentral does not answer, refuses, or answers something else than a token pair
     */
    Map<String, Object> exchange(String code, String redirectUri, String verifier) throws Refused {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri);
        form.put("code_verifier", verifier);
        HttpRequest request = HttpRequest.newBuilder(URI.create(server + "/restapi/oauth/token"))
                .timeout(TIMEOUT)
                .header("Authorization", basicCredentials)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form(form)))
                .build();
        HttpResponse<String> answer;
        try {
            answer = http().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Refused("RingCentral did not answer the code exchange ("
                    + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused("The code exchange was interrupted");
        }
        JsonObject body = object(answer.body());
        if (answer.statusCode() != 200) {
            throw new Refused("RingCentral refused the code exchange: HTTP " + answer.statusCode() + errorCode(body));
        }
        Map<String, Object> tokens = tokens(body);
        if (tokens == null) {
            throw new Refused("RingCentral's answer to the code exchange holds no bearer token pair");
        }
        return tokens;
    }

    private static JsonObject object(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            JsonValue value = reader.readValue();
            return value instanceof JsonObject object ? object : null;
        } catch (JsonParsingException | IllegalStateException e) {
            return null;
        }
    }

    private static Map<String, Object> tokens(JsonObject body) {
        if (body == null
                || !(body.get("access_token") instanceof JsonString access
                        && !access.getString().isBlank())
                || !(body.get("refresh_token") instanceof JsonString refresh
                        && !refresh.getString().isBlank())
                || !(body.get("token_type") instanceof JsonString type
                        && type.getString().toLowerCase(Locale.ROOT).equals("bearer"))) {
            return null;
        }
        Map<String, Object> tokens = new LinkedHashMap<>();
        for (String field : TEXT_FIELDS) {
            if (body.get(field) instanceof JsonString text) {
                tokens.put(field, text.getString());
            }
        }
        for (String field : NUMBER_FIELDS) {
            if (body.get(field) instanceof JsonNumber number && number.isIntegral()) {
                tokens.put(field, number.longValue());
            }
        }
        return Map.copyOf(tokens);
    }

    /** RingCentral's error code, {@code " invalid_grant (OAU-213)"}, when its answer names plain codes; else "". */
    private static String errorCode(JsonObject body) {
        if (body == null) {
            return "";
        }
        String error = body.get("error") instanceof JsonString text ? plain(text.getString()) : null;
        String code = null;
        if (body.get("errors") instanceof JsonArray errors
                && !errors.isEmpty()
                && errors.get(0) instanceof JsonObject first
                && first.get("errorCode") instanceof JsonString text) {
            code = plain(text.getString());
        } else if (body.get("errorCode") instanceof JsonString text) {
            code = plain(text.getString());
        }
        return (error == null ? "" : " " + error) + (code == null ? "" : " (" + code + ")");
    }

    private static String plain(String code) {
        return CODE.matcher(code).matches() ? code : null;
    }

    private static String form(Map<String, String> fields) {
        StringBuilder form = new StringBuilder();
        fields.forEach((name, value) -> form.append(form.length() == 0 ? "" : "&")
                .append(name)
                .append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return form.toString();
    }
}
