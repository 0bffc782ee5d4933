package dev.rcguard.simulator;

import static dev.rcguard.simulator.OAuthHttp.REDIRECT;
import static dev.rcguard.simulator.OAuthHttp.encode;
import static dev.rcguard.simulator.OAuthHttp.form;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OAuthAuthorizeTest {
    private RingCentralSimulator simulator;
    private OAuthHttp oauth;

    @BeforeEach
    void start() {
        simulator = RingCentralSimulator.builder()
                .user(u -> u.login("alice").grant("ReadMessages"))
                .start();
        oauth = new OAuthHttp(simulator);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private String query(String... extra) {
        String base = "response_type=code&client_id=" + encode(simulator.clientId()) + "&redirect_uri="
                + encode(REDIRECT) + "&login_hint=alice";
        return extra.length == 0 ? base : base + "&" + String.join("&", extra);
    }

    @Test
    void authorize_redirectsWithACodeAndTheState_andTheCodeBuysTokens() {
        HttpResponse<String> response = oauth.authorize(query("state=" + encode("s 1/2")));

        assertThat(response.statusCode()).isEqualTo(302);
        String location = response.headers().firstValue("Location").orElseThrow();
        assertThat(location)
                .matches("https://app\\.example/callback\\?code=[A-Za-z0-9_-]{43}&expires_in=60&state=s\\+1%2F2");
        String code = URI.create(location).getQuery().split("&")[0].substring("code=".length());

        HttpResponse<String> tokens = oauth.exchange(code);

        assertThat(tokens.statusCode()).isEqualTo(200);
        assertThat(Http.json(tokens).get("owner_id").asText())
                .isEqualTo(simulator.userByLogin("alice").extensionId());
        assertThat(simulator.counters().tokenCalls(OAuthGrant.AUTHORIZATION_CODE))
                .isEqualTo(1);
        assertThat(simulator.counters().total()).isEqualTo(2);
    }

    @Test
    void authorize_withAPkceChallenge_bindsTheCodeToTheVerifier() {
        HttpResponse<String> response =
                oauth.authorize(query("code_challenge=" + OAuthTokenTest.RFC_CHALLENGE, "code_challenge_method=S256"));
        String location = response.headers().firstValue("Location").orElseThrow();
        String code = URI.create(location).getQuery().split("&")[0].substring("code=".length());

        HttpResponse<String> tokens = oauth.token(form(
                "grant_type",
                "authorization_code",
                "code",
                code,
                "redirect_uri",
                REDIRECT,
                "code_verifier",
                OAuthTokenTest.RFC_VERIFIER));

        assertThat(tokens.statusCode()).isEqualTo(200);
    }

    @Test
    void authorize_withAnotherResponseType_redirectsWithAnError() {
        HttpResponse<String> response =
                oauth.authorize(query("state=x").replace("response_type=code", "response_type=token"));

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location"))
                .hasValue(REDIRECT + "?error=unsupported_response_type&state=x");
    }

    @Test
    void authorize_withAnUnknownClientOrUser_answers400_withoutRedirecting() {
        HttpResponse<String> client = oauth.authorize(query().replace("client_id=", "client_id=x"));
        HttpResponse<String> user = oauth.authorize(query().replace("login_hint=alice", "login_hint=mallory"));
        HttpResponse<String> noRedirect = oauth.authorize(query().replace("redirect_uri=", "x="));

        assertThat(client.statusCode()).isEqualTo(400);
        assertThat(client.headers().firstValue("Location")).isEmpty();
        assertThat(Http.json(client).at("/errors/0/errorCode").asText()).isEqualTo("OAU-153");
        assertThat(user.statusCode()).isEqualTo(400);
        assertThat(user.body())
                .isEqualTo("{\"error\":\"invalid_request\",\"error_description\":"
                        + "\"Parameter [login_hint] must be the login of a simulated user\"}");
        assertThat(noRedirect.statusCode()).isEqualTo(400);
        assertThat(Http.json(noRedirect).get("error").asText()).isEqualTo("invalid_request");
    }
}
