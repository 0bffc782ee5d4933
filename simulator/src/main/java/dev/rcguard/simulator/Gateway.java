package dev.rcguard.simulator;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The front of the simulator, in the order a request meets it: counting, the default latency, injected
 * faults, authentication, rate limiting, then {@link SimulatedApi} (or, for the OAuth paths,
 * {@link AuthorizationServer}). Writes every answer.
 */
final class Gateway implements HttpHandler {
    private static final System.Logger LOG = System.getLogger(Gateway.class.getName());

    private final UserDirectory users;
    private final SimulatedApi api;
    private final AuthorizationServer oauth;
    private final CallCounters counters;
    private final FaultTable faults;
    private final RateLimiter limiter = new RateLimiter();
    private final InstantSource clock;
    private volatile RateLimits limits;
    private volatile Duration defaultLatency;

    Gateway(
            UserDirectory users,
            SimulatedApi api,
            AuthorizationServer oauth,
            CallCounters counters,
            FaultTable faults,
            InstantSource clock,
            RateLimits limits,
            Duration defaultLatency) {
        this.users = users;
        this.api = api;
        this.oauth = oauth;
        this.counters = counters;
        this.faults = faults;
        this.clock = clock;
        this.limits = limits;
        this.defaultLatency = defaultLatency;
    }

    void limits(RateLimits limits) {
        this.limits = limits;
    }

    RateLimits limits() {
        return limits;
    }

    void defaultLatency(Duration latency) {
        this.defaultLatency = latency;
    }

    void resetRateLimits() {
        limiter.reset();
    }

    /** Spends {@code n} calls of {@code user}'s budget in {@code group}, as its own calls would; how many passed. */
    int spend(SimulatedUser user, RateLimits.Group group, int n) {
        return limiter.take(user.rateLimitKey(), group, n, limits, clock.instant())
                .allowed();
    }

    RateLimitUsage usage(SimulatedUser user, RateLimits.Group group) {
        return limiter.usage(user.rateLimitKey(), group, limits, clock.instant());
    }

    int rateLimitWindows() {
        return limiter.size();
    }

    @Override
    public void handle(HttpExchange exchange) {
        try (exchange) {
            counters.connection(exchange.getRemoteAddress());
            String path = exchange.getRequestURI().getRawPath();
            if (path.equals(AuthorizationServer.TOKEN_PATH)
                    && exchange.getRequestMethod().equals("POST")) {
                tokenRequest(exchange);
                return;
            }
            if (path.equals(AuthorizationServer.AUTHORIZE_PATH)
                    && exchange.getRequestMethod().equals("GET")) {
                counters.otherRequest();
                pause(defaultLatency);
                write(exchange, oauth.authorize(exchange.getRequestURI()), null);
                return;
            }
            Optional<Call> call = Call.parse(exchange.getRequestMethod(), exchange.getRequestURI());
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            String token = bearerToken(authorization);
            counters.request(
                    call.map(Call::endpoint).orElse(null),
                    token,
                    call.map(Call::ids).orElse(List.of()));
            pause(defaultLatency);
            if (call.isEmpty()) {
                write(exchange, Answer.json(404, ErrorBody.of("CMN-102", "Resource not found")), null);
                return;
            }
            Fault fault = faults.find(call.get().endpoint(), token).orElse(null);
            if (answeredByFault(exchange, fault)) {
                return;
            }
            write(exchange, answer(call.get(), authorization, token), fault instanceof Fault.SlowBody s ? s : null);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "Client went away before the answer was written", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Simulator failed to answer", e);
        }
    }

    /** {@code POST /restapi/oauth/token}: counted by grant, then faults, then {@link AuthorizationServer}. */
    private void tokenRequest(HttpExchange exchange) throws IOException, InterruptedException {
        byte[] raw = exchange.getRequestBody().readNBytes(AuthorizationServer.maxBody() + 1);
        String body = raw.length > AuthorizationServer.maxBody() ? null : new String(raw, StandardCharsets.UTF_8);
        counters.tokenRequest(
                body == null ? null : AuthorizationServer.grantOf(body).orElse(null));
        pause(defaultLatency);
        Fault fault = faults.find(Endpoint.OAUTH_TOKEN, null).orElse(null);
        if (answeredByFault(exchange, fault)) {
            return;
        }
        Headers headers = exchange.getRequestHeaders();
        Answer answer = tokenAnswer(headers.getFirst("Content-Type"), headers.getFirst("Authorization"), body);
        // the grant and the status only: codes, tokens and secrets never reach a log
        LOG.log(
                System.Logger.Level.DEBUG,
                "Token request ({0}) answered {1}",
                body == null
                        ? "?"
                        : AuthorizationServer.grantOf(body)
                                .map(OAuthGrant::value)
                                .orElse("?"),
                answer.status());
        write(exchange, answer, fault instanceof Fault.SlowBody s ? s : null);
    }

    /** The Auth limit falls between finding the grant's user and redeeming the grant, as for other endpoints. */
    private Answer tokenAnswer(String contentType, String authorization, String body) {
        RateLimits current = limits;
        RateLimits.Group group = RateLimits.Group.AUTH;
        int limit = current.limit(group);
        AuthorizationServer.Outcome outcome = oauth.token(contentType, authorization, body);
        if (outcome instanceof AuthorizationServer.Refused refused) {
            return withRateLimitHeaders(refused.answer(), group, limit, limit, current);
        }
        AuthorizationServer.Identified identified = (AuthorizationServer.Identified) outcome;
        RateLimiter.Outcome taken = limiter.take(identified.user().rateLimitKey(), group, 1, current, clock.instant());
        if (taken.allowed() == 0) {
            return tooManyRequests(group, limit, current);
        }
        return withRateLimitHeaders(identified.complete(), group, limit, taken.remaining(), current);
    }

    /**
     * Answers for a fault that replaces the answer ({@code true}), or waits out a {@link Fault.Latency} and leaves
     * the answer to the caller ({@code false}).
     */
    private static boolean answeredByFault(HttpExchange exchange, Fault fault)
            throws IOException, InterruptedException {
        if (fault instanceof Fault.Latency latency) {
            pause(latency.delay());
        } else if (fault instanceof Fault.DropConnection) {
            return true; // closing an exchange before its headers are sent closes the connection itself
        } else if (fault instanceof Fault.FixedResponse response) {
            write(exchange, Answer.of(response), null);
            return true;
        } else if (fault instanceof Fault.MalformedJson malformed) {
            write(exchange, new Answer(200, Answer.JSON, Map.of(), bytes(malformed.body())), null);
            return true;
        }
        return false;
    }

    private Answer answer(Call call, String authorization, String token) {
        RateLimits current = limits;
        RateLimits.Group group = call.endpoint().group();
        int limit = current.limit(group);
        Optional<SimulatedUser> user = token == null ? Optional.empty() : users.byToken(token);
        Answer refusal = null;
        if (authorization == null) {
            refusal = Answer.json(401, ErrorBody.of("AGW-401", "Authorization header is not specified"));
        } else if (token == null) {
            refusal = Answer.json(401, ErrorBody.of("AGW-402", "Invalid Authorization header"));
        } else if (user.isEmpty()) {
            refusal = Answer.json(401, ErrorBody.tokenInvalid("OAU-213", "Token not found"));
        } else {
            switch (user.get().status(token, clock.instant())) {
                case EXPIRED -> refusal = Answer.json(401, ErrorBody.tokenInvalid("OAU-128", "Access token expired"));
                case REPLACED -> refusal = Answer.json(401, ErrorBody.tokenInvalid("OAU-213", "Token not found"));
                case VALID -> refusal = null;
            }
        }
        if (refusal != null) {
            return withRateLimitHeaders(refusal, group, limit, limit, current);
        }
        // the user's budget, not the token's: every token of one account and extension spends the same one
        RateLimiter.Outcome outcome = limiter.take(user.get().rateLimitKey(), group, 1, current, clock.instant());
        if (outcome.allowed() == 0) {
            return tooManyRequests(group, limit, current);
        }
        return withRateLimitHeaders(api.answer(call, user.get()), group, limit, outcome.remaining(), current);
    }

    private static Answer tooManyRequests(RateLimits.Group group, int limit, RateLimits limits) {
        Answer tooMany = Answer.json(429, ErrorBody.of("CMN-301", "Request rate exceeded"))
                .withHeader("Retry-After", String.valueOf(seconds(limits.penalty())));
        return withRateLimitHeaders(tooMany, group, limit, 0, limits);
    }

    private static Answer withRateLimitHeaders(
            Answer answer, RateLimits.Group group, int limit, int remaining, RateLimits limits) {
        return answer.withHeader("X-Rate-Limit-Group", group.headerValue())
                .withHeader("X-Rate-Limit-Limit", String.valueOf(limit))
                .withHeader("X-Rate-Limit-Remaining", String.valueOf(remaining))
                .withHeader("X-Rate-Limit-Window", String.valueOf(seconds(limits.window())));
    }

    /** The token of a well-formed {@code Bearer <token>} header, else {@code null}. */
    static String bearerToken(String authorization) {
        if (authorization == null) {
            return null;
        }
        String[] parts = authorization.trim().split(" ");
        return parts.length == 2 && parts[0].equalsIgnoreCase("Bearer") && !parts[1].isEmpty() ? parts[1] : null;
    }

    private static void write(HttpExchange exchange, Answer answer, Fault.SlowBody slow)
            throws IOException, InterruptedException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", answer.contentType());
        answer.headers().forEach(headers::set);
        byte[] body = answer.body();
        exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (slow == null) {
                out.write(body);
                return;
            }
            out.flush(); // the headers go now; the body trickles after them
            for (int offset = 0; offset < body.length; offset += slow.chunkSize()) {
                pause(slow.pause());
                out.write(body, offset, Math.min(slow.chunkSize(), body.length - offset));
                out.flush();
            }
        }
    }

    private static long seconds(Duration duration) {
        return (duration.toMillis() + 999) / 1000;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void pause(Duration duration) throws InterruptedException {
        if (!duration.isZero() && !duration.isNegative()) {
            Thread.sleep(duration.toMillis());
        }
    }
}
