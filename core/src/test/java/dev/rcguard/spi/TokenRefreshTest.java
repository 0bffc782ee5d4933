package dev.rcguard.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rcguard.Decision;
import dev.rcguard.Decision.Outcome;
import dev.rcguard.Logical;
import dev.rcguard.PermissionCheckEvent;
import dev.rcguard.TokenSource;
import dev.rcguard.internal.json.StrictJson;
import dev.rcguard.simulator.Endpoint;
import dev.rcguard.simulator.Fault;
import dev.rcguard.simulator.OAuthGrant;
import dev.rcguard.simulator.RateLimits;
import dev.rcguard.simulator.RingCentralSimulator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Refresh on expiry, through the guard as adapters use it ({@code caller}, then {@code enforce}), against the
 * simulator's real OAuth endpoint: the session holds RingCentral's token answer, as an application's login leaves it.
 */
class TokenRefreshTest {

    /** Held, so that the logger (and the handler added to it) is not collected during a test. */
    static final Logger RCGUARD_LOG = Logger.getLogger("dev.rcguard");

    static final String REDIRECT = "https://app.example/callback";
    static final String SESSION_ATTRIBUTE = "rc.tokens";
    static final Requirement READ_MESSAGES = Requirement.permissions(Logical.ALL, "ReadMessages");
    static final HttpClient HTTP = HttpClient.newHttpClient();

    RingCentralSimulator ringCentral;
    PermissionGuard guard;
    final List<String> logged = new ArrayList<>();
    final Handler logs = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (logged) {
                StringWriter thrown = new StringWriter(); // the whole trace, as a log handler prints it
                if (record.getThrown() != null) {
                    record.getThrown().printStackTrace(new PrintWriter(thrown));
                }
                logged.add(record.getMessage() + " "
                        + (record.getParameters() == null ? "" : List.of(record.getParameters())) + " "
                        + thrown);
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void start() {
        PermissionCheckListenerTest.RECEIVED.clear();
        ringCentral = RingCentralSimulator.builder()
                .rateLimits(RateLimits.disabled())
                .user(u -> u.token("fixed-alice-token").login("alice").grant("ReadMessages"))
                .start();
        guard = guard("session-attribute:" + SESSION_ATTRIBUTE, true);
        RCGUARD_LOG.addHandler(logs);
    }

    @AfterEach
    void stop() {
        RCGUARD_LOG.removeHandler(logs);
        guard.close();
        ringCentral.close();
    }

    /** A guard of an application whose audit listener is {@link PermissionCheckListenerTest.Recording}. */
    PermissionGuard guard(String tokenSource, boolean withCredentials) {
        GuardConfig config = GuardConfig.load(name -> switch (name) {
                    case GuardConfig.TOKEN_SOURCE -> tokenSource;
                    case GuardConfig.CLIENT_ID -> withCredentials ? ringCentral.clientId() : null;
                    case GuardConfig.CLIENT_SECRET -> withCredentials ? ringCentral.clientSecret() : null;
                    default -> null;
                })
                .withServerUrl(ringCentral.baseUri());
        return WithListeners.guard(config, PermissionCheckListenerTest.Recording.class);
    }

    @Test
    void anExpiredToken_isRefreshedOnce_under32ConcurrentRequests_andEveryRequestIsGranted() throws Exception {
        Map<String, Object> session = signedIn();
        String expired = (String) tokens(session).get("access_token");
        String refreshToken = (String) tokens(session).get("refresh_token");
        assertThat(enforce(session).decision()).isEqualTo(Decision.granted());
        ringCentral.expireToken(expired);
        long before = ringCentral.counters().tokenCalls(OAuthGrant.REFRESH_TOKEN);

        List<Verdict> verdicts = concurrently(32, () -> enforce(session));

        assertThat(verdicts)
                .hasSize(32)
                .allSatisfy(verdict -> assertThat(verdict.decision()).isEqualTo(Decision.granted()));
        assertThat(ringCentral.counters().tokenCalls(OAuthGrant.REFRESH_TOKEN) - before)
                .isEqualTo(1);
        assertThat(guard.refreshesStarted()).isEqualTo(1);
        Map<?, ?> renewed = tokens(session);
        assertThat(renewed.get("access_token")).isNotEqualTo(expired);
        assertThat(renewed.get("refresh_token")).isNotEqualTo(refreshToken); // rotated
        assertThat(ringCentral.counters().callsWithToken((String) renewed.get("access_token")))
                .isPositive();
        assertThat(enforce(session).decision()).isEqualTo(Decision.granted());
        assertThat(ringCentral.counters().tokenCalls(OAuthGrant.REFRESH_TOKEN) - before)
                .isEqualTo(1);
        assertNoTokenLogged(session, expired, refreshToken);
    }

    @Test
    void requestsThatComeDuringTheRefresh_waitForIt_andNeverAskRingCentralWithTheExpiredToken() throws Exception {
        Map<String, Object> session = signedIn();
        String expired = (String) tokens(session).get("access_token");
        ringCentral.expireToken(expired);
        ringCentral.inject(Endpoint.OAUTH_TOKEN, Fault.latencyMillis(500));
        ExecutorService first = Executors.newSingleThreadExecutor();
        try {
            Future<Verdict> meetsTheExpiry = first.submit(() -> enforce(session));
            // bounded: the refresh starts within the check's deadline, or the verdict below says why not
            for (int i = 0; i < 500 && guard.refreshesStarted() == 0 && !meetsTheExpiry.isDone(); i++) {
                Thread.sleep(10);
            }
            List<Verdict> during = concurrently(8, () -> enforce(session));

            assertThat(meetsTheExpiry.get(30, TimeUnit.SECONDS).decision()).isEqualTo(Decision.granted());
            assertThat(during)
                    .allSatisfy(verdict -> assertThat(verdict.decision()).isEqualTo(Decision.granted()));
        } finally {
            first.shutdownNow();
        }
        // one call met the expiry; the others took the refreshed token (they waited, or came after it)
        assertThat(ringCentral.counters().callsWithToken(expired)).isEqualTo(1);
        assertThat(ringCentral.counters().tokenCalls(OAuthGrant.REFRESH_TOKEN)).isEqualTo(1);
    }

    @Test
    void theCallThatMetTheExpiry_isNotChargedToTheUser_theRefreshedTokenFindsTheBudgetAsItWas() {
        ringCentral
                .userByLogin("alice")
                .grant("ReadCallLog")
                .grant("ReadCallRecordings")
                .grant("ReadBlockedNumbers")
                .grant("ReadCompanyInfo");
        Map<String, Object> session = signedIn();
        // three of the five calls the guard may make for alice at once (a share of one half of Light's 50 a minute)
        for (String id : List.of("ReadMessages", "ReadCallLog", "ReadCallRecordings")) {
            assertThat(enforce(session, id).decision()).as(id).isEqualTo(Decision.granted());
        }
        String expired = (String) tokens(session).get("access_token");
        ringCentral.expireToken(expired);

        // a call that RingCentral answers 401, a refresh, the check again with the new token; then a check the
        // budget still affords: RingCentral counts per authenticated user, and the rejected call was nobody's
        Verdict afterTheExpiry = enforce(session, "ReadBlockedNumbers");
        Verdict next = enforce(session, "ReadCompanyInfo");

        assertThat(afterTheExpiry.decision()).isEqualTo(Decision.granted());
        assertThat(next.decision()).as("%s", next.decision().reason()).isEqualTo(Decision.granted());
        assertThat(ringCentral.counters().callsWithToken(expired)).isEqualTo(4);
        assertThat(guard.economy().refusedForBudget()).isZero();
    }

    @Test
    void aFailedRefresh_is401WithRingCentralsCode_andIsNotRepeated() throws Exception {
        Map<String, Object> session = signedIn();
        String expired = (String) tokens(session).get("access_token");
        String refreshToken = (String) tokens(session).get("refresh_token");
        ringCentral.expireToken(expired);
        ringCentral.inject(Endpoint.OAUTH_TOKEN, Fault.status(503, "{\"errorCode\":\"CMN-201\"}"));

        List<Verdict> verdicts = concurrently(8, () -> enforce(session));
        Verdict again = enforce(session);

        for (Verdict verdict : append(verdicts, again)) {
            assertThat(verdict.proceeds()).isFalse();
            assertThat(verdict.decision().outcome()).isEqualTo(Outcome.UNAUTHENTICATED);
            assertThat(verdict.decision().reason().code()).isEqualTo("OAU-128");
            ProblemResponse problem = ProblemRenderer.render(verdict.decision());
            assertThat(problem.status()).isEqualTo(401);
            assertThat(new String(problem.body(), StandardCharsets.UTF_8))
                    .doesNotContain(expired)
                    .doesNotContain(refreshToken);
        }
        assertThat(ringCentral.counters().tokenCalls(OAuthGrant.REFRESH_TOKEN)).isEqualTo(1);
        assertThat(tokens(session).get("access_token")).isEqualTo(expired); // nothing lost: the session is as it was
        assertThat(logged).anyMatch(line -> line.contains("refused to refresh") && line.contains("503"));
        assertNoTokenLogged(session, expired, refreshToken);
    }

    @Test
    void aRevokedRefreshToken_is401_afterOneRefreshCall() {
        Map<String, Object> session = signedIn();
        String expired = (String) tokens(session).get("access_token");
        String refreshToken = (String) tokens(session).get("refresh_token");
        ringCentral.revokeRefreshTokens(ringCentral.userByLogin("alice"));
        ringCentral.expireToken(expired);

        Verdict verdict = enforce(session);
        Verdict again = enforce(session);

        assertThat(verdict.decision().outcome()).isEqualTo(Outcome.UNAUTHENTICATED);
        assertThat(again.decision().outcome()).isEqualTo(Outcome.UNAUTHENTICATED);
        assertThat(ringCentral.counters().tokenCalls(OAuthGrant.REFRESH_TOKEN)).isEqualTo(1);
        assertThat(logged).anyMatch(line -> line.contains("refused to refresh") && line.contains("OAU-211"));
        assertNoTokenLogged(session, expired, refreshToken);
    }

    @Test
    void withoutTheAppsCredentials_anExpiredSessionTokenIs401_andNothingIsRefreshed() {
        guard.close();
        guard = guard("session-attribute:" + SESSION_ATTRIBUTE, false);
        Map<String, Object> session = signedIn();
        ringCentral.expireToken((String) tokens(session).get("access_token"));

        Verdict verdict = enforce(session);

        assertThat(verdict.decision().outcome()).isEqualTo(Outcome.UNAUTHENTICATED);
        assertThat(verdict.decision().reason().code()).isEqualTo("OAU-128");
        assertThat(ringCentral.counters().tokenCalls(OAuthGrant.REFRESH_TOKEN)).isZero();
    }

    @Test
    void aRefreshedTokenThatExpiresToo_is401_theRefreshDoesNotLoop() {
        Map<String, Object> session = signedIn();
        String expired = (String) tokens(session).get("access_token");
        ringCentral.expireToken(expired);
        ringCentral.inject(
                Endpoint.OAUTH_TOKEN,
                Fault.status(
                        200,
                        "{\"access_token\":\"unknown-to-ringcentral\",\"token_type\":\"bearer\",\"expires_in\":3599,"
                                + "\"refresh_token\":\"another-refresh\",\"refresh_token_expires_in\":604799}"));

        Verdict verdict = enforce(session);

        assertThat(verdict.decision().outcome()).isEqualTo(Outcome.UNAUTHENTICATED);
        assertThat(verdict.decision().reason().code()).isEqualTo("OAU-213");
        assertThat(ringCentral.counters().tokenCalls(OAuthGrant.REFRESH_TOKEN)).isEqualTo(1);
        assertThat(ringCentral.counters().callsWithToken("unknown-to-ringcentral"))
                .isEqualTo(1);
    }

    @Test
    void aMalformedRefreshAnswer_isAFailedRefresh_andTheSessionKeepsItsTokens() {
        Map<String, Object> session = signedIn();
        Map<?, ?> before = tokens(session);
        ringCentral.expireToken((String) before.get("access_token"));
        ringCentral.inject(
                Endpoint.OAUTH_TOKEN,
                Fault.status(
                        200, "{\"access_token\":\"has spaces\",\"token_type\":\"bearer\",\"refresh_token\":\"r\"}"));

        Verdict verdict = enforce(session);

        assertThat(verdict.decision().outcome()).isEqualTo(Outcome.UNAUTHENTICATED);
        assertThat(tokens(session)).isEqualTo(before);
        assertThat(logged).anyMatch(line -> line.contains("could not be read"));
    }

    @Test
    void theHeaderSourceCannotRefresh_anExpiredTokenIs401WithoutATokenCall() {
        guard.close();
        guard = guard("header", true);
        ringCentral.expireToken("fixed-alice-token");
        TokenSource.Request request = TokenSource.Request.of(
                name -> name.equals("Authorization") ? "Bearer fixed-alice-token" : null, name -> null, name -> null);

        Verdict verdict = guard.enforce(
                "GET /test",
                READ_MESSAGES,
                guard.caller(request),
                null,
                RequestMemo.create(),
                GuardConfig.Mode.ENFORCE);

        assertThat(verdict.decision().outcome()).isEqualTo(Outcome.UNAUTHENTICATED);
        assertThat(ringCentral.counters().tokenCalls(OAuthGrant.REFRESH_TOKEN)).isZero();
    }

    @Test
    void aTokenSourceThatThrows_isNoToken_or_noRefresh_andWhatItThrowsIsLoggedWithoutItsMessages() {
        guard.close();
        guard = guard("header", false);
        ringCentral.expireToken("fixed-alice-token");
        TokenSource.Request request = TokenSource.Request.of(name -> null, name -> null, name -> null);
        TokenSource leaky = new TokenSource() {
            @Override
            public String accessToken(Request request) {
                return "fixed-alice-token";
            }

            @Override
            public String refresh(Request request, String expiredAccessToken) {
                throw new IllegalStateException(
                        "no refresh for " + expiredAccessToken,
                        new IllegalArgumentException("refresh token rt-secret-1 rejected"));
            }
        };
        TokenSource broken = r -> {
            throw new UnsupportedOperationException("cannot read fixed-alice-token from the session");
        };

        assertThat(guard.caller(broken, request)).isNull();
        Verdict verdict = guard.enforce(
                "GET /test",
                READ_MESSAGES,
                guard.caller(leaky, request),
                null,
                RequestMemo.create(),
                GuardConfig.Mode.ENFORCE);

        assertThat(verdict.decision().outcome()).isEqualTo(Outcome.UNAUTHENTICATED);
        synchronized (logged) {
            assertThat(logged)
                    .anyMatch(line -> line.contains("token source failed; the request has no token")
                            && line.contains("java.lang.UnsupportedOperationException (its message is not logged")
                            && line.contains("at dev.rcguard.spi.TokenRefreshTest"));
            assertThat(logged)
                    .anyMatch(line -> line.contains("failed to refresh a token")
                            && line.contains("java.lang.IllegalStateException (its message is not logged")
                            && line.contains("Caused by: java.lang.IllegalArgumentException (its message"));
            assertThat(String.join("\n", logged))
                    .doesNotContain("fixed-alice-token")
                    .doesNotContain("rt-secret-1");
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** One request of the session's user, as an adapter makes it. */
    Verdict enforce(Map<String, Object> session) {
        return enforce(session, "ReadMessages");
    }

    /** One request of the session's user to an endpoint that requires {@code permission}. */
    Verdict enforce(Map<String, Object> session, String permission) {
        TokenSource.Request request = TokenSource.Request.of(name -> null, name -> null, session::get, session::put);
        return guard.enforce(
                "GET /test",
                Requirement.permissions(Logical.ALL, permission),
                guard.caller(request),
                null,
                RequestMemo.create(),
                GuardConfig.Mode.ENFORCE);
    }

    /** The application's login: alice's code exchanged at the simulator's token endpoint, the answer in the session. */
    Map<String, Object> signedIn() {
        String code = ringCentral.authorizationCode("alice", REDIRECT);
        String form = "grant_type=authorization_code&code=" + URLEncoder.encode(code, StandardCharsets.UTF_8)
                + "&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8);
        String basic = Base64.getEncoder()
                .encodeToString(
                        (ringCentral.clientId() + ":" + ringCentral.clientSecret()).getBytes(StandardCharsets.UTF_8));
        try {
            HttpResponse<byte[]> answer = HTTP.send(
                    HttpRequest.newBuilder(URI.create(ringCentral.baseUri() + "/restapi/oauth/token"))
                            .header("Authorization", "Basic " + basic)
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(answer.statusCode()).isEqualTo(200);
            Map<String, Object> session = new ConcurrentHashMap<>();
            session.put(SESSION_ATTRIBUTE, StrictJson.parse(answer.body()));
            return session;
        } catch (Exception e) {
            throw new AssertionError("signing in failed", e);
        }
    }

    static Map<?, ?> tokens(Map<String, Object> session) {
        return (Map<?, ?>) session.get(SESSION_ATTRIBUTE);
    }

    void assertNoTokenLogged(Map<String, Object> session, String... tokens) {
        List<String> secrets = new ArrayList<>(List.of(tokens));
        secrets.add((String) tokens(session).get("access_token"));
        secrets.add((String) tokens(session).get("refresh_token"));
        secrets.add(ringCentral.clientSecret());
        synchronized (logged) {
            for (String line : logged) {
                for (String secret : secrets) {
                    assertThat(line).doesNotContain(secret);
                }
            }
        }
        assertThat(PermissionCheckListenerTest.RECEIVED).isNotEmpty();
        for (PermissionCheckEvent event : PermissionCheckListenerTest.RECEIVED) {
            for (String secret : secrets) {
                assertThat(event.toString()).doesNotContain(secret);
            }
        }
    }

    static List<Verdict> concurrently(int requests, java.util.concurrent.Callable<Verdict> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Verdict>> futures = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return request.call();
                }));
            }
            start.countDown();
            List<Verdict> verdicts = new ArrayList<>();
            for (Future<Verdict> future : futures) {
                verdicts.add(future.get(30, TimeUnit.SECONDS));
            }
            return verdicts;
        } finally {
            pool.shutdownNow();
        }
    }

    static List<Verdict> append(List<Verdict> verdicts, Verdict one) {
        List<Verdict> all = new ArrayList<>(verdicts);
        all.add(one);
        return all;
    }
}
