package dev.rcguard.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.StringJoiner;

/** Real HTTP calls to a running simulator's OAuth endpoints. */
final class OAuthHttp {
    static final String REDIRECT = "https://app.example/callback";
    static final String FORM = "application/x-www-form-urlencoded";

    private final Http http;
    private final RingCentralSimulator simulator;

    OAuthHttp(RingCentralSimulator simulator) {
        this.simulator = simulator;
        this.http = new Http(simulator);
    }

    Http http() {
        return http;
    }

    /** A token request with the simulator's own client and the form content type. */
    HttpResponse<String> token(String form) {
        return token(basic(simulator.clientId(), simulator.clientSecret()), FORM, form);
    }

    /** A token request as given; {@code null} leaves a header out. */
    HttpResponse<String> token(String authorization, String contentType, String form) {
        HttpRequest.Builder request =
                http.request("/restapi/oauth/token").POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build());
    }

    HttpResponse<String> exchange(String code) {
        return token(form("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT));
    }

    HttpResponse<String> refresh(String refreshToken) {
        return token(form("grant_type", "refresh_token", "refresh_token", refreshToken));
    }

    /** A first token pair of the user with this login, through the Java API's code. */
    JsonNode signIn(String login) {
        HttpResponse<String> response = exchange(simulator.authorizationCode(login, REDIRECT));
        if (response.statusCode() != 200) {
            throw new AssertionError("sign-in failed: " + response.body());
        }
        return Http.json(response);
    }

    HttpResponse<String> authorize(String query) {
        return http.send(http.request("/restapi/oauth/authorize?" + query).GET().build());
    }

    static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    /** name, value, name, value, ... as a form body. */
    static String form(String... namesAndValues) {
        StringJoiner form = new StringJoiner("&");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            form.add(encode(namesAndValues[i]) + "=" + encode(namesAndValues[i + 1]));
        }
        return form.toString();
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
