package dev.rcguard.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rcguard.simulator.OAuthGrant;
import dev.rcguard.simulator.RateLimits;
import dev.rcguard.simulator.RingCentralSimulator;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The application at {@code /session}, as a browser meets it, over real HTTP against a demo of its own per test (the
 * simulator's Auth budget is 5 token calls a minute per user): signing in with RingCentral through the redirects,
 * followed by hand; the JAX-RS page, the CDI-intercepted page and the {@code web.xml}-filtered page with the session
 * cookie alone; an access token that expires (by the demo's helper, and by the clock) and is refreshed once for them
 * all; signing out; the callback's refusals. No token and no client secret ever appears in an answer or a log line.
 */
class DemoLoginTest {

    private static final String COOKIE = "JSESSIONID";
    private static final List<String> PAGES =
            List.of("/api/messages", "/api/messages/unread-count", "/reports/call-volume");

    private CapturedLogs logs;
    private Demo demo;
    private URI base;
    private RingCentralSimulator simulator;
    private final Browser browser = new Browser();
    private final Set<String> secrets = new LinkedHashSet<>();

    private void start(DemoOptions options) throws Exception {
        logs = new CapturedLogs();
        demo = Demo.start(options);
        base = demo.baseUri();
        simulator = demo.simulator().orElseThrow();
        secrets.add(simulator.clientSecret());
    }

    private void start() throws Exception {
        start(DemoOptions.simulatorOnFreePort());
    }

    @AfterEach
    void stop() {
        if (demo != null) {
            demo.close();
        }
        if (logs != null) {
            logs.close();
        }
    }

    @Test
    void aliceSignsInThroughRingCentralsRedirects_andTheThreePagesAnswerWithHerSessionAlone() throws Exception {
        start();

        String cookie = signIn("alice");

        Map<?, ?> tokens = tokens(cookie);
        assertThat(tokens.get("token_type")).isEqualTo("bearer");
        assertThat(tokens.get("owner_id")).isEqualTo(extension("alice"));
        assertThat(tokens.get("expires_in")).isEqualTo(30L);
        assertThreePagesAnswer200();
        assertThat(simulator.counters().callsWithToken(access(tokens))).isPositive();

        JsonObject state = session();
        assertThat(state.getBoolean("signedIn")).isTrue();
        assertThat(state.getString("user")).isEqualTo("alice");
        assertThat(state.getString("extensionId")).isEqualTo(extension("alice"));
        JsonObject accessToken = state.getJsonObject("accessToken");
        assertThat(accessToken.getString("fingerprint")).isEqualTo(fingerprint(access(tokens)));
        assertThat(accessToken.getInt("lifetimeSeconds")).isEqualTo(30);
        assertThat(accessToken.getBoolean("expired")).isFalse();
        assertThat(Duration.between(
                        Instant.parse(accessToken.getString("receivedAt")),
                        Instant.parse(accessToken.getString("expiresAt"))))
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(state.getInt("refreshesInThisSession")).isZero();
        assertThat(state.getInt("guardRefreshes")).isZero();
        JsonObject ringCentral = state.getJsonObject("ringCentral");
        assertThat(ringCentral.getInt("codeExchanges")).isEqualTo(1);
        assertThat(ringCentral.getInt("refreshCalls")).isZero();
        assertThat(ringCentral.getInt("authLimit")).isEqualTo(5);
        assertThat(ringCentral.getInt("authRemaining")).isEqualTo(4);

        assertThat(logs.lines())
                .anyMatch(line -> line.contains("alice signed in with RingCentral (extension " + extension("alice")
                        + "); the access token expires in 30 s"));
        assertNoSecretLeft();
    }

    @Test
    void anAccessTokenExpiredByThePagesHelper_isRefreshedOnce_andTheThreePagesKeepAnswering200() throws Exception {
        start();
        String cookie = signIn("alice");
        assertThreePagesAnswer200();
        Map<?, ?> before = tokens(cookie);

        HttpResponse<String> expire = browser.post(app("/demo/expire"));

        assertThat(expire.statusCode()).isEqualTo(200);
        assertThat(Http.header(expire, "Content-Type")).startsWith("application/json");
        JsonObject expired = Http.object(expire).getJsonObject("accessToken");
        assertThat(expired.getString("fingerprint")).isEqualTo(fingerprint(access(before)));
        assertThat(expired.getBoolean("expired")).isTrue();
        assertThat(simulator.counters().tokenCalls(OAuthGrant.REFRESH_TOKEN)).isZero();

        // the page's "call all three": at once, all meeting the expired token
        List<HttpResponse<String>> answers =
                browser.getAll(PAGES.stream().map(this::app).toList());

        for (int i = 0; i < PAGES.size(); i++) {
            assertPageAnswer(PAGES.get(i), answers.get(i));
        }
        assertThat(simulator.counters().tokenCalls(OAuthGrant.REFRESH_TOKEN)).isEqualTo(1);
        Map<?, ?> after = tokens(cookie);
        assertThat(access(after)).isNotEqualTo(access(before));
        assertThat(after.get("refresh_token")).isNotEqualTo(before.get("refresh_token")); // rotated
        assertThat(after.get("owner_id")).isEqualTo(extension("alice"));

        assertThreePagesAnswer200();
        assertThat(simulator.counters().tokenCalls(OAuthGrant.REFRESH_TOKEN)).isEqualTo(1);
        assertThat(simulator.counters().callsWithToken(access(after))).isPositive();

        JsonObject state = session();
        assertThat(state.getInt("refreshesInThisSession")).isEqualTo(1);
        assertThat(state.getInt("guardRefreshes")).isEqualTo(1);
        assertThat(state.getJsonObject("accessToken").getString("fingerprint")).isEqualTo(fingerprint(access(after)));
        assertThat(state.getJsonObject("accessToken").getBoolean("expired")).isFalse();
        assertThat(state.getJsonObject("ringCentral").getInt("refreshCalls")).isEqualTo(1);
        assertThat(state.getJsonObject("ringCentral").getInt("codeExchanges")).isEqualTo(1);
        assertThat(state.getJsonObject("ringCentral").getInt("authRemaining")).isEqualTo(3);
        assertNoSecretLeft();
    }

    @Test
    void anAccessTokenExpiredByTheClock_isRefreshedByTheNextRequests_withoutAnyHelp() throws Exception {
        start(DemoOptions.simulatorOnFreePort().withTokenLifetime(Duration.ofSeconds(3)));
        String cookie = signIn("alice");
        Map<?, ?> before = tokens(cookie);
        assertThat(before.get("expires_in")).isEqualTo(3L);
        assertPageAnswer(PAGES.get(0), browser.get(app(PAGES.get(0))));
        Instant expiresAt = Instant.parse(session().getJsonObject("accessToken").getString("expiresAt"));

        Thread.sleep(Math.max(0, Duration.between(Instant.now(), expiresAt).toMillis()) + 500);
        assertThat(session().getJsonObject("accessToken").getBoolean("expired")).isTrue();
        assertThreePagesAnswer200();

        assertThat(access(tokens(cookie))).isNotEqualTo(access(before));
        long refreshCalls = simulator.counters().tokenCalls(OAuthGrant.REFRESH_TOKEN);
        assertThat(refreshCalls).isPositive(); // once, unless the 3 s of the new token ran out during the three
        JsonObject state = session();
        assertThat(state.getJsonNumber("refreshesInThisSession").longValue()).isEqualTo(refreshCalls);
        assertThat(state.getJsonNumber("guardRefreshes").longValue()).isEqualTo(refreshCalls);
        assertThat(state.getJsonObject("ringCentral")
                        .getJsonNumber("refreshCalls")
                        .longValue())
                .isEqualTo(refreshCalls);
        assertNoSecretLeft();
    }

    @Test
    void aRefreshRingCentralRefuses_leavesRingCentrals401_andTheSessionAsItWas() throws Exception {
        start();
        String cookie = signIn("alice");
        Map<?, ?> before = tokens(cookie);
        // alice's Auth budget: 5 token calls a minute; the sign-in spent one, her other sessions the rest
        assertThat(simulator.spend(access(before), RateLimits.Group.AUTH, 4)).isEqualTo(4);
        browser.post(app("/demo/expire"));

        HttpResponse<String> refused = browser.get(app("/api/messages"));
        HttpResponse<String> again = browser.get(app("/reports/call-volume"));

        for (HttpResponse<String> response : List.of(refused, again)) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(Http.header(response, "Content-Type")).isEqualTo("application/problem+json");
            assertThat(Http.header(response, "WWW-Authenticate"))
                    .isEqualTo("Bearer realm=\"RingCentral\", error=\"invalid_token\"");
            assertThat(Http.object(response).getJsonObject("reason").getString("code"))
                    .isEqualTo("OAU-128");
        }
        assertThat(simulator.counters().tokenCalls(OAuthGrant.REFRESH_TOKEN)).isEqualTo(1); // one, refused: 429
        assertThat(tokens(cookie)).isEqualTo(before);
        assertThat(logs.lines())
                .anyMatch(line -> line.contains("RingCentral refused to refresh an access token: HTTP 429 CMN-301"));
        JsonObject state = session();
        assertThat(state.getInt("refreshesInThisSession")).isZero();
        assertThat(state.getInt("guardRefreshes")).isEqualTo(1);
        assertThat(state.getJsonObject("accessToken").getBoolean("expired")).isTrue();
        assertThat(state.getJsonObject("ringCentral").getInt("authRemaining")).isZero();
        assertNoSecretLeft();
    }

    @Test
    void signingOut_endsTheSession_andEachPageAnswers401WithoutAskingRingCentral() throws Exception {
        start();
        String cookie = signIn("alice");
        assertThreePagesAnswer200();

        HttpResponse<String> logout = browser.post(app("/logout"));

        assertThat(logout.statusCode()).isEqualTo(303);
        assertThat(Http.header(logout, "Location")).isEqualTo("/#login");
        assertThat(Http.header(logout, "Cache-Control")).isEqualTo("no-store");
        assertThat(logout.body()).isEmpty();
        assertThat(demo.sessionAttribute(cookie, "rc.tokens")).isNull();
        long calls = simulator.counters().total();
        for (String page : PAGES) {
            HttpResponse<String> response = browser.get(app(page));
            assertThat(response.statusCode()).as(page).isEqualTo(401);
            assertThat(Http.header(response, "Content-Type")).isEqualTo("application/problem+json");
            assertThat(Http.header(response, "WWW-Authenticate")).isEqualTo("Bearer realm=\"RingCentral\"");
            JsonObject problem = Http.object(response);
            assertThat(problem.getString("type")).isEqualTo("urn:rcguard:unauthenticated");
            assertThat(problem.getInt("status")).isEqualTo(401);
        }
        assertThat(simulator.counters().total()).isEqualTo(calls);

        JsonObject state = session();
        assertThat(state.getBoolean("signedIn")).isFalse();
        assertThat(state.containsKey("accessToken")).isFalse();
        assertThat(state.containsKey("user")).isFalse();
        HttpResponse<String> expire = browser.post(app("/demo/expire"));
        assertThat(expire.statusCode()).isEqualTo(409);
        assertThat(Http.header(expire, "Content-Type")).isEqualTo("application/problem+json;charset=utf-8");
        assertThat(Http.object(expire).getInt("status")).isEqualTo(409);
        assertThat(Http.object(expire).getString("detail"))
                .isEqualTo("Not signed in: this session has no access token to expire");
        assertThat(browser.get(app("/logout")).statusCode()).isEqualTo(405);
        assertNoSecretLeft();
    }

    @Test
    void theCallbackRefusesWhatIsNotThisSessionsSignIn_andKeepsNothing() throws Exception {
        start();

        // no sign-in under way
        assertRefused(browser.get(app("/oauth/callback?code=x&state=y")), 400, "No sign-in is under way");

        // a state that is not the session's, then the right one: the sign-in was used up by the first
        URI callback = callbackOf(browser.get(app("/login?user=alice")));
        String code = query(callback).get("code");
        String state = query(callback).get("state");
        assertRefused(
                browser.get(app("/oauth/callback?code=" + code + "&state=" + state + "x")),
                400,
                "The state RingCentral sent back is not this session's sign-in");
        assertRefused(browser.get(callback), 400, "No sign-in is under way");

        // RingCentral's own refusal, brought back with the right state
        String pending = query(URI.create(Http.header(browser.get(app("/login?user=alice")), "Location")))
                .get("state");
        assertRefused(
                browser.get(app("/oauth/callback?error=access_denied&state=" + pending)),
                400,
                "RingCentral did not sign you in: access_denied");

        // a code RingCentral no longer exchanges (someone redeemed it first): 502 with RingCentral's reason
        URI stolen = callbackOf(browser.get(app("/login?user=alice")));
        assertThat(redeemWithoutVerifier(query(stolen).get("code"), base + "session/oauth/callback"))
                .isEqualTo(400);
        assertRefused(
                browser.get(stolen), 502, "RingCentral refused the code exchange: HTTP 400 invalid_grant (OAU-213)");
        assertThat(logs.lines())
                .anyMatch(line -> line.contains(
                        "Sign-in of alice failed: RingCentral refused the code exchange: HTTP 400 invalid_grant"));

        assertThat(session().getBoolean("signedIn")).isFalse();
        assertThat(simulator.counters().tokenCalls(OAuthGrant.AUTHORIZATION_CODE))
                .isEqualTo(2); // the test's own redemption and the callback's: nothing else reached RingCentral

        // who and where to
        assertRefused(browser.get(app("/login?user=zed")), 400, "No such demo user");
        assertRefused(browser.get(app("/login")), 400, "The parameter user is missing");
        assertRefused(
                browser.get(app("/login?user=alice&then=//elsewhere.example/")),
                400,
                "The parameter then must be a path on this server");
        assertNoSecretLeft();
    }

    @Test
    void aSignedInSessionIsServedBeforeAndAfterAReplayedCallback() throws Exception {
        start();
        URI callback = callbackOf(browser.get(app("/login?user=bob")));
        HttpResponse<String> back = browser.get(callback);
        assertThat(back.statusCode()).isEqualTo(302);
        String cookie = browser.cookie(app("/"), COOKIE);

        assertRefused(browser.get(callback), 400, "No sign-in is under way");

        assertThat(tokens(cookie).get("owner_id")).isEqualTo(extension("bob"));
        assertThat(session().getString("user")).isEqualTo("bob");
        // bob lacks ReadMessages: the guard asks RingCentral with his session's token, and refuses as for his header
        HttpResponse<String> messages = browser.get(app("/api/messages"));
        assertThat(messages.statusCode()).isEqualTo(403);
        assertThat(Http.object(messages).getString("permission")).isEqualTo("ReadMessages");
        assertThat(simulator.counters().tokenCalls(OAuthGrant.AUTHORIZATION_CODE))
                .isEqualTo(1);
        assertNoSecretLeft();
    }

    @Test
    void theTwoApplicationsKeepTheirOwnTokenSources() throws Exception {
        start();
        signIn("alice");

        // /session reads the session only: a bearer header is no token there
        HttpResponse<String> header = browser.get(app("/api/messages"), "Authorization", "Bearer alice-token");
        // the page application at / reads the header only: the session cookie (Path=/session) is not even sent
        HttpResponse<String> cookieOnly = browser.get(base.resolve("/api/messages"));
        HttpResponse<String> headerAtRoot =
                browser.get(base.resolve("/api/messages"), "Authorization", "Bearer alice-token");

        assertThat(header.statusCode()).isEqualTo(200); // the session's token, not the header's
        assertThat(simulator.counters().callsWithToken("alice-token")).isEqualTo(1); // the root's call only
        assertThat(cookieOnly.statusCode()).isEqualTo(401);
        assertThat(Http.header(cookieOnly, "WWW-Authenticate")).isEqualTo("Bearer realm=\"RingCentral\"");
        assertThat(headerAtRoot.statusCode()).isEqualTo(200);
        assertThat(Http.json(headerAtRoot).asJsonArray()).hasSize(3);

        Browser stranger = new Browser();
        HttpResponse<String> headerWithoutSession =
                stranger.get(app("/api/messages"), "Authorization", "Bearer alice-token");
        assertThat(headerWithoutSession.statusCode()).isEqualTo(401);
        assertThat(Http.object(headerWithoutSession).getString("type")).isEqualTo("urn:rcguard:unauthenticated");
        assertThat(simulator.counters().callsWithToken("alice-token")).isEqualTo(1);
        assertNoSecretLeft();
    }

    @Test
    void theBannerShowsTheSignInWithCurlAndACookieJar() throws Exception {
        start();
        String app = base + "session";

        assertThat(demo.signInEnabled()).isTrue();
        assertThat(demo.tokenLifetime()).isEqualTo(Duration.ofSeconds(30));
        assertThat(Banner.of(demo))
                .contains(
                        "Signed in with RingCentral: the same pages at " + app + "/..., the tokens in the HTTP session")
                .contains("(access tokens live 30 s; the guard refreshes them on expiry)")
                .contains("curl -sL -c cookies.txt -b cookies.txt -o /dev/null -w '%{http_code}\\n' '" + app
                        + "/login?user=alice'\n")
                .contains("curl -X POST -b cookies.txt " + app + "/demo/expire\n")
                .contains("curl -i -X POST -b cookies.txt " + app + "/logout\n")
                .doesNotContain(simulator.clientSecret());
    }

    /** Signs {@code user} in as a browser does, looking at each redirect; returns the session cookie's value. */
    private String signIn(String user) throws Exception {
        HttpResponse<String> login = browser.get(app("/login?user=" + user));

        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.body()).isEmpty();
        assertThat(Http.header(login, "Cache-Control")).isEqualTo("no-store");
        assertThat(Http.header(login, "Set-Cookie"))
                .startsWith(COOKIE + "=")
                .contains("; Path=/session")
                .contains("; HttpOnly")
                .contains("; SameSite=Lax");
        String pendingCookie = browser.cookie(app("/"), COOKIE);
        URI authorize = URI.create(Http.header(login, "Location"));
        assertThat(authorize.toString()).startsWith(simulator.baseUri() + "/restapi/oauth/authorize?");
        Map<String, String> asked = query(authorize);
        assertThat(asked)
                .containsEntry("response_type", "code")
                .containsEntry("client_id", simulator.clientId())
                .containsEntry("redirect_uri", base + "session/oauth/callback")
                .containsEntry("code_challenge_method", "S256")
                .containsEntry("login_hint", user)
                .doesNotContainKey("client_secret");
        assertThat(asked.get("state")).matches("[A-Za-z0-9_-]{43}");
        assertThat(asked.get("code_challenge")).matches("[A-Za-z0-9_-]{43}");

        HttpResponse<String> signedInAtRingCentral = browser.get(authorize);

        assertThat(signedInAtRingCentral.statusCode()).isEqualTo(302);
        URI callback = URI.create(Http.header(signedInAtRingCentral, "Location"));
        assertThat(callback.toString()).startsWith(base + "session/oauth/callback?");
        assertThat(query(callback)).containsEntry("state", asked.get("state")).containsKey("code");

        HttpResponse<String> back = browser.get(callback);

        assertThat(back.statusCode()).isEqualTo(302);
        assertThat(Http.header(back, "Location")).isEqualTo("/#login");
        assertThat(Http.header(back, "Cache-Control")).isEqualTo("no-store");
        assertThat(back.body()).isEmpty();
        String cookie = browser.cookie(app("/"), COOKIE);
        assertThat(cookie).isNotNull().isNotEqualTo(pendingCookie); // a new session for the signed-in user
        assertThat(demo.sessionAttribute(pendingCookie, "rc.tokens")).isNull();
        return cookie;
    }

    /** The callback address RingCentral (the simulator) sends the browser to, after {@code /login}'s redirect. */
    private URI callbackOf(HttpResponse<String> login) throws Exception {
        assertThat(login.statusCode()).isEqualTo(302);
        HttpResponse<String> signedIn = browser.get(URI.create(Http.header(login, "Location")));
        assertThat(signedIn.statusCode()).isEqualTo(302);
        return URI.create(Http.header(signedIn, "Location"));
    }

    /** Redeems a code at RingCentral's token endpoint without its PKCE verifier: refused, and the code is used up. */
    private int redeemWithoutVerifier(String code, String redirectUri) throws Exception {
        String credentials = Base64.getEncoder()
                .encodeToString(
                        (simulator.clientId() + ":" + simulator.clientSecret()).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(simulator.baseUri() + "/restapi/oauth/token"))
                .header("Authorization", "Basic " + credentials)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code="
                        + URLEncoder.encode(code, StandardCharsets.UTF_8) + "&redirect_uri="
                        + URLEncoder.encode(redirectUri, StandardCharsets.UTF_8)))
                .build();
        return HttpClient.newHttpClient()
                .send(request, HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private void assertThreePagesAnswer200() throws Exception {
        for (String page : PAGES) {
            assertPageAnswer(page, browser.get(app(page)));
        }
    }

    private static void assertPageAnswer(String page, HttpResponse<String> response) {
        assertThat(response.statusCode()).as(page + ": " + response.body()).isEqualTo(200);
        assertThat(Http.header(response, "Content-Type")).as(page).startsWith("application/json");
        switch (page) {
            case "/api/messages" -> {
                assertThat(Http.json(response).asJsonArray()).hasSize(3);
                assertThat(Http.json(response).asJsonArray().getJsonObject(0).getString("subject"))
                        .isEqualTo("Lunch at noon?");
            }
            case "/api/messages/unread-count" ->
                assertThat(Http.object(response).getInt("unread")).isEqualTo(2);
            case "/reports/call-volume" -> {
                assertThat(Http.object(response).getInt("inbound")).isEqualTo(128);
                assertThat(Http.object(response).getString("period")).isEqualTo("last 7 days");
            }
            default -> throw new AssertionError(page);
        }
    }

    private static void assertRefused(HttpResponse<String> response, int status, String reason) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(Http.header(response, "Content-Type")).isEqualTo("text/html;charset=utf-8");
        assertThat(Http.header(response, "Cache-Control")).isEqualTo("no-store");
        assertThat(Http.header(response, "Location")).isNull();
        assertThat(response.body())
                .contains("<h1>Sign-in failed</h1>")
                .contains(reason)
                .contains("<a href=\"/#login\">Back to the demo</a>");
    }

    /** The session's state as the page reads it. */
    private JsonObject session() throws Exception {
        HttpResponse<String> response = browser.get(app("/demo/session"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Http.header(response, "Content-Type")).startsWith("application/json");
        assertThat(Http.header(response, "Cache-Control")).isEqualTo("no-store");
        return Http.object(response);
    }

    /** RingCentral's token answer in the server's session; its tokens join the secrets no answer or log may hold. */
    private Map<?, ?> tokens(String cookie) {
        Map<?, ?> tokens = (Map<?, ?>) demo.sessionAttribute(cookie, "rc.tokens");
        assertThat(tokens).isNotNull();
        assertThat(tokens.get("access_token")).asString().hasSize(43);
        assertThat(tokens.get("refresh_token")).asString().hasSize(43);
        secrets.add((String) tokens.get("access_token"));
        secrets.add((String) tokens.get("refresh_token"));
        return tokens;
    }

    private static String access(Map<?, ?> tokens) {
        return (String) tokens.get("access_token");
    }

    private void assertNoSecretLeft() {
        assertThat(secrets).isNotEmpty();
        List<String> answers = browser.answers();
        List<String> lines = logs.lines();
        assertThat(answers).isNotEmpty();
        assertThat(lines).isNotEmpty();
        for (String secret : secrets) {
            assertThat(answers).noneMatch(answer -> answer.contains(secret));
            assertThat(lines).noneMatch(line -> line.contains(secret));
        }
    }

    private URI app(String path) {
        return base.resolve("/session" + path);
    }

    private String extension(String login) {
        return simulator.userByLogin(login).extensionId();
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int equals = pair.indexOf('=');
            query.put(
                    URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return query;
    }

    private static String fingerprint(String token) throws Exception {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(hash, 0, 6);
    }
}
