package dev.rcguard.demo.login;

import dev.rcguard.demo.DemoUser;
import dev.rcguard.simulator.OAuthGrant;
import dev.rcguard.simulator.RateLimitUsage;
import dev.rcguard.simulator.RateLimits;
import dev.rcguard.simulator.RingCentralSimulator;
import dev.rcguard.spi.ApplicationGuard;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * The login panel's helpers, not protected by the guard, never showing a token:
 *
 * <ul>
 *   <li>{@code GET /session/demo/session}: whether this session is signed in, as whom, its access token's
 *       {@linkplain SessionTokens#fingerprint fingerprint} and expiry, the refreshes that replaced it in this session,
 *       the refreshes the application's guard started, and RingCentral's (the simulator's) token calls and what is
 *       left of the user's Auth budget (5 token calls a minute).
 *   <li>{@code POST /session/demo/expire}: expires the session's access token in the simulator now, so that the next
 *       request meets RingCentral's 401 {@code OAU-128} without waiting; 409 when not signed in.
 * </ul>
 *
 * <pre>{@code
 * curl -b cookies.txt http://127.0.0.1:8080/session/demo/session
 * # {"signedIn":true,"user":"alice","extensionId":"400100200301","accessToken":{"fingerprint":"...",...},...}
 * }</pre>
 */
public class SessionInfoServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** The application attribute under which the demo hands over its running simulator. */
    public static final String SIMULATOR_ATTRIBUTE = "dev.rcguard.demo.simulator";

    private static final System.Logger LOG = System.getLogger("dev.rcguard.demo");

    /**
     * The session's state.
     *
     * @param signedIn whether the session holds RingCentral's tokens
     * @param user the demo user signed in
     * @param extensionId RingCentral's {@code owner_id}: the user's extension
     * @param accessToken the current access token, described
     * @param refreshesInThisSession how many times a refresh replaced the session's tokens
     * @param guardRefreshes refreshes the application's guard started, for every session ({@code refreshesStarted})
     * @param ringCentral what RingCentral (the simulator) counted
     * @param now the server's time, to count down the expiry with
     */
    @JsonbPropertyOrder({
        "signedIn",
        "user",
        "extensionId",
        "accessToken",
        "refreshesInThisSession",
        "guardRefreshes",
        "ringCentral",
        "now"
    })
    public record State(
            boolean signedIn,
            String user,
            String extensionId,
            AccessToken accessToken,
            long refreshesInThisSession,
            long guardRefreshes,
            RingCentral ringCentral,
            String now) {}

    /**
     * The session's access token, without the token.
     *
     * @param fingerprint the first 12 hex digits of its SHA-256: it changes when the token does
     * @param receivedAt when it arrived (sign-in or refresh)
     * @param expiresAt when RingCentral stops taking it: {@code receivedAt} plus its {@code expires_in}
     * @param lifetimeSeconds its {@code expires_in}
     * @param expired whether it has expired by the clock, or by the demo's "expire now"
     */
    @JsonbPropertyOrder({"fingerprint", "receivedAt", "expiresAt", "lifetimeSeconds", "expired"})
    public record AccessToken(
            String fingerprint, String receivedAt, String expiresAt, long lifetimeSeconds, boolean expired) {}

    /**
     * RingCentral's side (the simulator's counters, for every session and user).
     *
     * @param codeExchanges token calls with {@code grant_type=authorization_code}: sign-ins
     * @param refreshCalls token calls with {@code grant_type=refresh_token}: refreshes
     * @param authLimit the user's Auth budget (token calls a minute); absent when not signed in
     * @param authRemaining what is left of it in the current window
     */
    @JsonbPropertyOrder({"codeExchanges", "refreshCalls", "authLimit", "authRemaining"})
    public record RingCentral(long codeExchanges, long refreshCalls, Integer authLimit, Integer authRemaining) {}

    /** A refusal, as RFC 9457 problem details. */
    @JsonbPropertyOrder({"type", "title", "status", "detail"})
    public record Problem(String type, String title, int status, String detail) {}

    private transient Jsonb json;
    private transient ApplicationGuard.Lease lease;
    private transient RingCentralSimulator simulator;

    /** Takes a lease on the application's guard, the one its adapters share, and the demo's simulator. */
    @Override
    public void init() {
        ServletContext context = getServletContext();
        simulator = (RingCentralSimulator) context.getAttribute(SIMULATOR_ATTRIBUTE);
        if (simulator == null) {
            throw new IllegalStateException("The demo hands over its simulator as " + SIMULATOR_ATTRIBUTE);
        }
        lease = ApplicationGuard.acquire(
                ApplicationGuard.Attributes.of(context::getAttribute, context::setAttribute, context::removeAttribute),
                context::getInitParameter,
                name -> null);
        json = JsonbBuilder.create();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"/session".equals(request.getPathInfo())) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        write(response, HttpServletResponse.SC_OK, "application/json", state(request.getSession(false)));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"/expire".equals(request.getPathInfo())) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        HttpSession session = request.getSession(false);
        Map<?, ?> tokens = SessionTokens.of(session);
        String accessToken = tokens == null ? null : SessionTokens.accessToken(tokens);
        if (accessToken == null) {
            write(
                    response,
                    HttpServletResponse.SC_CONFLICT,
                    "application/problem+json",
                    new Problem(
                            "about:blank",
                            "Conflict",
                            HttpServletResponse.SC_CONFLICT,
                            "Not signed in: this session has no access token to expire"));
            return;
        }
        simulator.expireToken(accessToken);
        session.setAttribute(SessionTokens.EXPIRED_BY_DEMO, SessionTokens.fingerprint(accessToken));
        LOG.log(System.Logger.Level.INFO, "The session's access token was expired at RingCentral (the simulator)");
        write(response, HttpServletResponse.SC_OK, "application/json", state(session));
    }

    private State state(HttpSession session) {
        long guardRefreshes = lease.guard().refreshesStarted();
        long codeExchanges = simulator.counters().tokenCalls(OAuthGrant.AUTHORIZATION_CODE);
        long refreshCalls = simulator.counters().tokenCalls(OAuthGrant.REFRESH_TOKEN);
        Instant now = Instant.now();
        Map<?, ?> tokens = SessionTokens.of(session);
        String accessToken = tokens == null ? null : SessionTokens.accessToken(tokens);
        if (accessToken == null) {
            return new State(
                    false,
                    null,
                    null,
                    null,
                    0,
                    guardRefreshes,
                    new RingCentral(codeExchanges, refreshCalls, null, null),
                    now.toString());
        }
        String extensionId = tokens.get("owner_id") instanceof String owner ? owner : null;
        String user = DemoUser.ALL.stream()
                .map(DemoUser::name)
                .filter(name -> simulator.userByLogin(name).extensionId().equals(extensionId))
                .findFirst()
                .orElse(null);
        String fingerprint = SessionTokens.fingerprint(accessToken);
        Instant received = Instant.ofEpochMilli(SessionTokens.number(session, SessionTokens.RECEIVED));
        long lifetime = SessionTokens.number(tokens, "expires_in");
        Instant expiresAt = received.plusSeconds(lifetime);
        boolean expired =
                !now.isBefore(expiresAt) || fingerprint.equals(session.getAttribute(SessionTokens.EXPIRED_BY_DEMO));
        RateLimitUsage auth;
        try {
            auth = simulator.rateLimitUsage(accessToken, RateLimits.Group.AUTH); // the token names the user
        } catch (IllegalArgumentException unknownToRingCentral) {
            auth = null;
        }
        return new State(
                true,
                user,
                extensionId,
                new AccessToken(fingerprint, received.toString(), expiresAt.toString(), lifetime, expired),
                SessionTokens.number(session, SessionTokens.REFRESHES),
                guardRefreshes,
                new RingCentral(
                        codeExchanges,
                        refreshCalls,
                        auth == null ? null : auth.limit(),
                        auth == null ? null : auth.remaining()),
                now.toString());
    }

    private void write(HttpServletResponse response, int status, String contentType, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType(contentType);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(json.toJson(body));
    }

    @Override
    public void destroy() {
        if (lease != null) {
            lease.close();
        }
        try {
            if (json != null) {
                json.close();
            }
        } catch (Exception e) {
            log("Closing JSON-B failed", e);
        }
    }
}
