package dev.rcguard.simulator;

import static dev.rcguard.simulator.OAuthHttp.REDIRECT;
import static dev.rcguard.simulator.OAuthHttp.form;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OAuthTokenTest {
    /** RFC 7636 appendix B: this verifier's S256 challenge. */
    static final String RFC_VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    static final String RFC_CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    private final ManualClock clock = new ManualClock();
    private RingCentralSimulator simulator;
    private OAuthHttp oauth;
    private SimulatedUser alice;

    @BeforeEach
    void start() {
        simulator = RingCentralSimulator.builder()
                .clock(clock)
                .client("app-id", "app-secret")
                .user(u -> u.login("alice").token("fixed").grant("ReadMessages"))
                .user(u -> u.login("bob"))
                .start();
        alice = simulator.userByLogin("alice");
        oauth = new OAuthHttp(simulator);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void codeExchange_answersATokenPairInRingCentralsShape() {
        String code = simulator.authorizationCode(alice, REDIRECT);

        HttpResponse<String> response = oauth.exchange(code);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(response.headers().firstValue("Pragma")).hasValue("no-cache");
        assertAuthHeaders(response, "4");
        JsonNode body = Http.json(response);
        List<String> names = new ArrayList<>();
        body.fieldNames().forEachRemaining(names::add);
        assertThat(names)
                .containsExactly(
                        "access_token",
                        "token_type",
                        "expires_in",
                        "refresh_token",
                        "refresh_token_expires_in",
                        "scope",
                        "owner_id",
                        "endpoint_id");
        assertThat(body.get("access_token").asText()).matches("[A-Za-z0-9_-]{43}");
        assertThat(body.get("refresh_token").asText()).matches("[A-Za-z0-9_-]{43}");
        assertThat(body.get("token_type").asText()).isEqualTo("bearer");
        assertThat(body.get("expires_in").isIntegralNumber()).isTrue();
        assertThat(body.get("expires_in").asLong()).isEqualTo(3599);
        assertThat(body.get("refresh_token_expires_in").asLong()).isEqualTo(604799);
        assertThat(body.get("scope").asText()).isEqualTo("ReadAccounts ReadMessages");
        assertThat(body.get("owner_id").asText()).isEqualTo(alice.extensionId());
        assertThat(body.get("endpoint_id").asText()).isNotBlank();
        assertThat(simulator.counters().tokenCalls(OAuthGrant.AUTHORIZATION_CODE))
                .isEqualTo(1);
        assertThat(simulator.counters().tokenCalls(OAuthGrant.REFRESH_TOKEN)).isZero();
        assertThat(simulator.counters().calls(Endpoint.OAUTH_TOKEN)).isEqualTo(1);
    }

    @Test
    void issuedAccessToken_belongsToTheUser_andAuthorizesItsPermissionChecks() {
        String accessToken = oauth.signIn("alice").get("access_token").asText();

        HttpResponse<String> check = oauth.http().get(Http.check("ReadMessages"), accessToken);

        assertThat(check.statusCode()).isEqualTo(200);
        assertThat(Http.json(check).get("successful").asBoolean()).isTrue();
        assertThat(simulator.user(accessToken)).isSameAs(alice);
        assertThat(alice.tokens()).contains("fixed", accessToken);
    }

    @Test
    void accessToken_expiresByTheSimulatorsClock_then401Oau128() {
        String accessToken = oauth.signIn("alice").get("access_token").asText();

        clock.advance(Duration.ofSeconds(3598));
        assertThat(oauth.http().get(Http.check("ReadMessages"), accessToken).statusCode())
                .isEqualTo(200);
        clock.advance(Duration.ofSeconds(1));
        HttpResponse<String> expired = oauth.http().get(Http.check("ReadMessages"), accessToken);

        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.body())
                .isEqualTo("{\"errorCode\":\"TokenInvalid\",\"message\":\"Access token expired\","
                        + "\"errors\":[{\"errorCode\":\"OAU-128\",\"message\":\"Access token expired\"}]}");
        assertThat(oauth.http().get(Http.check("ReadMessages"), "fixed").statusCode())
                .as("fixed tokens never expire by time")
                .isEqualTo(200);
    }

    @Test
    void accessTokenLifetime_isConfigurable() {
        simulator.close();
        simulator = RingCentralSimulator.builder()
                .clock(clock)
                .accessTokenLifetime(Duration.ofSeconds(60))
                .refreshTokenLifetime(Duration.ofSeconds(120))
                .user(u -> u.login("alice").grant("ReadMessages"))
                .start();
        oauth = new OAuthHttp(simulator);

        JsonNode pair = oauth.signIn("alice");
        assertThat(pair.get("expires_in").asLong()).isEqualTo(60);
        assertThat(pair.get("refresh_token_expires_in").asLong()).isEqualTo(120);
        clock.advance(Duration.ofSeconds(60));

        assertThat(oauth.http()
                        .get(
                                Http.check("ReadMessages"),
                                pair.get("access_token").asText())
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void refresh_answersANewPair_andTheOldTokensStopWorking() {
        JsonNode first = oauth.signIn("alice");
        clock.advance(Duration.ofSeconds(3600));

        HttpResponse<String> response = oauth.refresh(first.get("refresh_token").asText());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode second = Http.json(response);
        assertThat(second.get("access_token").asText())
                .isNotEqualTo(first.get("access_token").asText());
        assertThat(second.get("refresh_token").asText())
                .isNotEqualTo(first.get("refresh_token").asText());
        assertThat(second.get("endpoint_id").asText())
                .as("one session")
                .isEqualTo(first.get("endpoint_id").asText());
        assertThat(second.get("expires_in").asLong()).isEqualTo(3599);
        assertThat(oauth.http()
                        .get(
                                Http.check("ReadMessages"),
                                second.get("access_token").asText())
                        .statusCode())
                .isEqualTo(200);

        HttpResponse<String> oldAccess = oauth.http()
                .get(Http.check("ReadMessages"), first.get("access_token").asText());
        assertThat(oldAccess.statusCode()).isEqualTo(401);
        assertThat(Http.json(oldAccess).at("/errors/0/errorCode").asText()).isEqualTo("OAU-213");

        HttpResponse<String> reused = oauth.refresh(first.get("refresh_token").asText());
        assertThat(reused.statusCode()).isEqualTo(400);
        assertThat(reused.body())
                .isEqualTo("{\"error\":\"invalid_grant\",\"errors\":[{\"errorCode\":\"OAU-213\","
                        + "\"message\":\"Token not found\"}],\"error_description\":\"Token not found\"}");
        assertThat(simulator.counters().tokenCalls(OAuthGrant.REFRESH_TOKEN)).isEqualTo(2);
    }

    @Test
    void refreshBeforeTheAccessTokenExpired_alsoReplacesIt() {
        JsonNode first = oauth.signIn("alice");

        JsonNode second = Http.json(oauth.refresh(first.get("refresh_token").asText()));

        assertThat(oauth.http()
                        .get(
                                Http.check("ReadMessages"),
                                first.get("access_token").asText())
                        .statusCode())
                .isEqualTo(401);
        assertThat(oauth.refresh(second.get("refresh_token").asText()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void revokedRefreshToken_is400InvalidGrantOau211() {
        JsonNode pair = oauth.signIn("alice");

        assertThat(simulator.revokeRefreshTokens(alice)).isEqualTo(1);
        HttpResponse<String> response = oauth.refresh(pair.get("refresh_token").asText());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body())
                .isEqualTo("{\"error\":\"invalid_grant\",\"errors\":[{\"errorCode\":\"OAU-211\","
                        + "\"message\":\"Token revoked\"}],\"error_description\":\"Token revoked\"}");
        assertAuthHeaders(response, "3");
        assertThat(oauth.http()
                        .get(
                                Http.check("ReadMessages"),
                                pair.get("access_token").asText())
                        .statusCode())
                .as("access tokens live on until they expire")
                .isEqualTo(200);
        assertThat(simulator.revokeRefreshTokens(simulator.userByLogin("bob"))).isZero();
    }

    @Test
    void expiredRefreshToken_is400InvalidGrant() {
        JsonNode pair = oauth.signIn("alice");
        clock.advance(Duration.ofSeconds(604799));

        HttpResponse<String> response = oauth.refresh(pair.get("refresh_token").asText());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body())
                .isEqualTo("{\"error\":\"invalid_grant\",\"error_description\":\"Refresh token is expired\"}");
    }

    @Test
    void code_isSingleUse_boundToItsRedirectUri_andExpiresAfterAMinute() {
        String code = simulator.authorizationCode("alice", REDIRECT);
        assertThat(oauth.exchange(code).statusCode()).isEqualTo(200);
        assertThat(oauth.exchange(code).body()).contains("\"OAU-213\"");

        String other = simulator.authorizationCode("alice", "https://elsewhere.example/cb");
        HttpResponse<String> mismatch = oauth.exchange(other);
        assertThat(mismatch.statusCode()).isEqualTo(400);
        assertThat(mismatch.body())
                .isEqualTo("{\"error\":\"invalid_grant\",\"errors\":[{\"errorCode\":\"OAU-109\","
                        + "\"message\":\"Redirect URIs do not match\"}],"
                        + "\"error_description\":\"Redirect URIs do not match\"}");

        String late = simulator.authorizationCode("alice", REDIRECT);
        clock.advance(Duration.ofSeconds(60));
        HttpResponse<String> expired = oauth.exchange(late);
        assertThat(expired.statusCode()).isEqualTo(400);
        assertThat(Http.json(expired).get("error_description").asText()).isEqualTo("Authorization code is expired");
    }

    @Test
    void pkce_codeIssuedWithAChallenge_needsTheMatchingVerifier() {
        HttpResponse<String> without = oauth.exchange(simulator.authorizationCode(alice, REDIRECT, RFC_CHALLENGE));
        HttpResponse<String> wrong = oauth.token(form(
                "grant_type",
                "authorization_code",
                "code",
                simulator.authorizationCode(alice, REDIRECT, RFC_CHALLENGE),
                "redirect_uri",
                REDIRECT,
                "code_verifier",
                RFC_VERIFIER + "x"));
        HttpResponse<String> right = oauth.token(form(
                "grant_type",
                "authorization_code",
                "code",
                simulator.authorizationCode(alice, REDIRECT, RFC_CHALLENGE),
                "redirect_uri",
                REDIRECT,
                "code_verifier",
                RFC_VERIFIER));

        String invalid = "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid code verifier\"}";
        assertThat(without.statusCode()).isEqualTo(400);
        assertThat(without.body()).isEqualTo(invalid);
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).isEqualTo(invalid);
        assertThat(right.statusCode()).isEqualTo(200);
    }

    @Test
    void wrongOrUnknownClient_is400InvalidClientOau153_andSpendsNothing() {
        HttpResponse<String> wrongSecret = oauth.token(
                OAuthHttp.basic("app-id", "nope"),
                OAuthHttp.FORM,
                form("grant_type", "refresh_token", "refresh_token", "x"));
        HttpResponse<String> unknownId = oauth.token(
                OAuthHttp.basic("other", "app-secret"),
                OAuthHttp.FORM,
                form("grant_type", "refresh_token", "refresh_token", "x"));

        assertThat(wrongSecret.statusCode()).isEqualTo(400);
        assertThat(wrongSecret.body())
                .isEqualTo("{\"error\":\"invalid_client\",\"errors\":[{\"errorCode\":\"OAU-153\","
                        + "\"message\":\"Invalid client: app-id\",\"parameters\":[{\"parameterName\":\"client_id\","
                        + "\"parameterValue\":\"app-id\"}]}],\"error_description\":\"Invalid client: app-id\"}");
        assertThat(wrongSecret.headers().firstValue("WWW-Authenticate"))
                .hasValue("Bearer realm=\"RingCentral REST API\", error=\"invalid_client\","
                        + " error_description=\"Invalid client: app-id\"");
        assertAuthHeaders(wrongSecret, "5");
        assertThat(unknownId.statusCode()).isEqualTo(400);
        assertThat(Http.json(unknownId).at("/errors/0/message").asText()).isEqualTo("Invalid client: other");
        assertThat(wrongSecret.body() + unknownId.body()).doesNotContain("app-secret", "nope");
    }

    @Test
    void missingOrMalformedClientAuthentication_is400InvalidClient() {
        String body = form("grant_type", "refresh_token", "refresh_token", "x");

        HttpResponse<String> missing = oauth.token(null, OAuthHttp.FORM, body);
        HttpResponse<String> bearer = oauth.token("Bearer fixed", OAuthHttp.FORM, body);
        HttpResponse<String> notBase64 = oauth.token("Basic %%%", OAuthHttp.FORM, body);

        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body())
                .isEqualTo("{\"error\":\"invalid_client\",\"errors\":[{\"errorCode\":\"OAU-123\","
                        + "\"message\":\"Client authentication is required\"}],"
                        + "\"error_description\":\"Client authentication is required\"}");
        String malformed =
                "{\"error\":\"invalid_client\",\"error_description\":\"Authentication header value is malformed\"}";
        assertThat(bearer.statusCode()).isEqualTo(400);
        assertThat(bearer.body()).isEqualTo(malformed);
        assertThat(notBase64.body()).isEqualTo(malformed);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "json content type|application/json|grant_type=refresh_token&refresh_token=x|Content-Type must be application/x-www-form-urlencoded",
                "no content type||grant_type=refresh_token&refresh_token=x|Content-Type must be application/x-www-form-urlencoded",
                "latin-1 charset|application/x-www-form-urlencoded; charset=ISO-8859-1|grant_type=refresh_token&refresh_token=x|Content-Type must be application/x-www-form-urlencoded",
                "no grant_type|application/x-www-form-urlencoded|refresh_token=x|Parameter [grant_type] is not specified",
                "empty grant_type|application/x-www-form-urlencoded|grant_type=&refresh_token=x|Parameter [grant_type] is not specified",
                "grant_type twice|application/x-www-form-urlencoded|grant_type=refresh_token&grant_type=refresh_token&refresh_token=x|Parameter [grant_type] is specified more than once",
                "refresh_token twice|application/x-www-form-urlencoded|grant_type=refresh_token&refresh_token=x&refresh_token=y|Parameter [refresh_token] is specified more than once",
                "no refresh_token|application/x-www-form-urlencoded|grant_type=refresh_token|Parameter [refresh_token] is not specified",
                "no code|application/x-www-form-urlencoded|grant_type=authorization_code&redirect_uri=https%3A%2F%2Fapp.example%2Fcallback|Parameter [code] is not specified",
                "no redirect_uri|application/x-www-form-urlencoded|grant_type=authorization_code&code=abc|Parameter [redirect_uri] is not specified",
                "pair without =|application/x-www-form-urlencoded|grant_type=refresh_token&refresh_token|Malformed form parameter",
                "bad escape|application/x-www-form-urlencoded|grant_type=refresh_token&refresh_token=%zz|Malformed percent-encoding in form parameter",
            })
    void malformedTokenRequest_is400InvalidRequest(String name, String contentType, String body, String description) {
        HttpResponse<String> response =
                oauth.token(OAuthHttp.basic(simulator.clientId(), simulator.clientSecret()), contentType, body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body())
                .isEqualTo("{\"error\":\"invalid_request\",\"error_description\":\"" + description + "\"}");
        assertAuthHeaders(response, "5");
    }

    @Test
    void otherGrants_areRefusedAsRingCentralDoes() {
        HttpResponse<String> password = oauth.token(form("grant_type", "password", "username", "u", "password", "p"));
        HttpResponse<String> unknown = oauth.token(form("grant_type", "magic"));

        assertThat(password.statusCode()).isEqualTo(400);
        assertThat(password.body())
                .isEqualTo("{\"error\":\"unauthorized_client\",\"errors\":[{\"errorCode\":\"OAU-251\","
                        + "\"message\":\"Unauthorized for this grant type\"}],"
                        + "\"error_description\":\"Unauthorized for this grant type\"}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(Http.json(unknown).get("error").asText()).isEqualTo("unsupported_grant_type");
    }

    @Test
    void tokenEndpoint_answersOnlyPost() {
        HttpResponse<String> get = oauth.http().get("/restapi/oauth/token", null);

        assertThat(get.statusCode()).isEqualTo(404);
        assertThat(Http.json(get).get("errorCode").asText()).isEqualTo("CMN-102");
    }

    @Test
    void faultsInjectedIntoTheTokenEndpoint_replaceItsAnswer_andTheCallStillCounts() {
        simulator.inject(Endpoint.OAUTH_TOKEN, Fault.response(503, "text/html", "<html>down</html>"));

        HttpResponse<String> response = oauth.refresh("anything");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).isEqualTo("<html>down</html>");
        assertThat(simulator.counters().tokenCalls(OAuthGrant.REFRESH_TOKEN)).isEqualTo(1);
    }

    static void assertAuthHeaders(HttpResponse<String> response, String remaining) {
        assertThat(response.headers().firstValue("X-Rate-Limit-Group")).hasValue("Auth");
        assertThat(response.headers().firstValue("X-Rate-Limit-Limit")).hasValue("5");
        assertThat(response.headers().firstValue("X-Rate-Limit-Remaining")).hasValue(remaining);
        assertThat(response.headers().firstValue("X-Rate-Limit-Window")).hasValue("60");
    }
}
