package dev.rcguard.simulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A faithful fake of RingCentral's {@code authz-profile/check}, {@code features} and {@code authz-profile}
 * endpoints, served over real HTTP on {@code 127.0.0.1} (an ephemeral port unless one is given), with
 * {@code message-store} as a stand-in for the application's own calls.
 *
 * <p>It checks {@code Authorization: Bearer <token>} like RingCentral's gateway, enforces rate limits per user
 * (account and extension) and group, shared by all of a user's tokens (RingCentral's defaults unless
 * {@link Builder#rateLimits(RateLimits)} says otherwise), answers in
 * RingCentral's JSON shapes, and lets tests change users, inject {@link Fault faults} and read
 * {@link CallCounters counters} while it runs. It also speaks enough OAuth for token refresh: authorization codes
 * ({@link #authorizationCode(SimulatedUser, String)} or {@code GET /restapi/oauth/authorize}), {@code POST
 * /restapi/oauth/token} with the {@code authorization_code} and {@code refresh_token} grants, and access tokens that
 * expire by the builder's {@link Builder#clock(InstantSource) clock} (simulator/README.md, section OAuth). Thread-safe. Uses the JDK's HTTP server and sets
 * {@code sun.net.httpserver.nodelay=true} (unless already set) so keep-alive clients are not delayed by
 * Nagle's algorithm; that only works if no other JDK HTTP server was started in the JVM before.
 *
 * <pre>{@code
 * try (RingCentralSimulator rc = RingCentralSimulator.builder()
 *         .user(u -> u.token("t1").grant("ReadMessages").feature("SMSSending", true))
 *         .start()) {
 *     URI check = URI.create(rc.baseUri()
 *             + "/restapi/v1.0/account/~/extension/~/authz-profile/check?permissionId=ReadMessages");
 *     // GET it with "Authorization: Bearer t1" -> {"uri": ..., "successful": true, "details": {...}}
 *     rc.user("t1").revoke("ReadMessages");                  // the next check answers successful:false
 *     rc.inject(Endpoint.FEATURES, Fault.dropConnection());  // the next features call gets no answer
 *     assertThat(rc.counters().calls("t1", "ReadMessages")).isEqualTo(1);
 * }
 * }</pre>
 */
public final class RingCentralSimulator implements AutoCloseable {
    static {
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private static final System.Logger LOG = System.getLogger(RingCentralSimulator.class.getName());

    private final Builder settings;
    private final UserDirectory users = new UserDirectory();
    private final CallCounters counters = new CallCounters();
    private final FaultTable faults = new FaultTable();
    private final AuthorizationServer oauth;
    private HttpServer server;
    private ExecutorService executor;
    private Gateway gateway;

    private RingCentralSimulator(Builder settings) {
        this.settings = settings;
        settings.users.forEach(users::add);
        this.oauth = new AuthorizationServer(
                users,
                settings.clock,
                settings.clientId,
                settings.clientSecret,
                settings.accessTokenLifetime,
                settings.refreshTokenLifetime,
                settings.scope);
    }

    /** {@return a builder with an ephemeral port, 64 threads, RingCentral's rate limits and no latency} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds to {@code 127.0.0.1} and returns once the server is listening.
     *
     * @return this simulator, listening
     */
    public synchronized RingCentralSimulator start() {
        if (server != null) {
            throw new IllegalStateException("Already started");
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), settings.port), 128);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot bind 127.0.0.1:" + settings.port, e);
        }
        AtomicInteger threadNumber = new AtomicInteger();
        executor = Executors.newFixedThreadPool(settings.threads, task -> {
            Thread thread = new Thread(task, "ringcentral-simulator-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        String baseUri = "http://127.0.0.1:" + server.getAddress().getPort();
        gateway = new Gateway(
                users,
                new SimulatedApi(baseUri, users),
                oauth,
                counters,
                faults,
                settings.clock,
                settings.rateLimits,
                settings.defaultLatency);
        server.createContext("/", gateway);
        if (settings.controlEndpoint) {
            server.createContext(ControlEndpoint.PATH, new ControlEndpoint(this, users, counters));
        }
        server.setExecutor(executor);
        server.start();
        LOG.log(
                System.Logger.Level.INFO,
                "RingCentral simulator listening on {0} with {1} user(s)",
                baseUri,
                users.size());
        return this;
    }

    /** {@return {@code http://127.0.0.1:<port>}, without a trailing slash} */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /** {@return the port the server listens on} */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("Not started");
        }
        return server.getAddress().getPort();
    }

    /**
     * The user owning {@code token}, to read or change while the simulator runs.
     *
     * @param token a token the user owns
     * @return the user
     */
    public SimulatedUser user(String token) {
        return users.byToken(token).orElseThrow(() -> new IllegalArgumentException("No user has this token"));
    }

    /**
     * The user with this login name (see {@link SimulatedUser#login(String)}).
     *
     * @param login the user's login name
     * @return the user
     */
    public SimulatedUser userByLogin(String login) {
        return users.byLogin(login).orElseThrow(() -> new IllegalArgumentException("No user has this login"));
    }

    /**
     * Adds a user at run time; ids default as in {@link Builder#user(Consumer)}.
     *
     * @param configuration sets the new user's token, ids, permissions and features
     * @return the new user
     */
    public SimulatedUser addUser(Consumer<SimulatedUser> configuration) {
        SimulatedUser user = settings.newUser(configuration);
        users.add(user);
        return user;
    }

    /**
     * Marks {@code token} expired: every request with it is answered 401 {@code OAU-128}.
     *
     * @param token the token to expire
     * @return this simulator
     */
    public RingCentralSimulator expireToken(String token) {
        user(token).expireToken(token);
        return this;
    }

    /**
     * An authorization code for {@code user}, as if it had signed in at {@code /restapi/oauth/authorize} and
     * consented: exchange it at {@code POST /restapi/oauth/token} with {@code grant_type=authorization_code} and
     * the same {@code redirect_uri} within {@value AuthorizationServer#CODE_LIFETIME_SECONDS} seconds of the
     * simulator's clock. Single use.
     *
     * <pre>{@code
     * String code = rc.authorizationCode(rc.userByLogin("alice"), "https://app.example/callback");
     * }</pre>
     *
     * @param user the user who signs in
     * @param redirectUri the app's {@code redirect_uri}
     * @return the code
     */
    public String authorizationCode(SimulatedUser user, String redirectUri) {
        return oauth.issueCode(Objects.requireNonNull(user, "user"), requireRedirectUri(redirectUri), null, null);
    }

    /**
     * {@link #authorizationCode(SimulatedUser, String)} for the user with this login name.
     *
     * @param login the user's login name
     * @param redirectUri the app's {@code redirect_uri}
     * @return the code
     */
    public String authorizationCode(String login, String redirectUri) {
        return authorizationCode(userByLogin(login), redirectUri);
    }

    /**
     * {@link #authorizationCode(SimulatedUser, String)} with a PKCE challenge (method {@code S256}): the token
     * request must then carry the {@code code_verifier} whose SHA-256, base64url without padding, is
     * {@code codeChallenge}.
     *
     * @param user the user who signs in
     * @param redirectUri the app's {@code redirect_uri}
     * @param codeChallenge the PKCE {@code code_challenge}
     * @return the code
     */
    public String authorizationCode(SimulatedUser user, String redirectUri, String codeChallenge) {
        return oauth.issueCode(
                Objects.requireNonNull(user, "user"),
                requireRedirectUri(redirectUri),
                Objects.requireNonNull(codeChallenge, "codeChallenge"),
                "S256");
    }

    /**
     * Revokes every refresh token issued to {@code user} so far: a refresh with one is answered 400
     * {@code invalid_grant} {@code OAU-211} "Token revoked". Its access tokens keep working until they expire.
     *
     * @param user the user whose refresh tokens are revoked
     * @return how many refresh tokens were revoked
     */
    public int revokeRefreshTokens(SimulatedUser user) {
        return oauth.revokeRefreshTokens(Objects.requireNonNull(user, "user"));
    }

    /** {@return the OAuth client id the token endpoint accepts ({@link Builder#client(String, String)})} */
    public String clientId() {
        return settings.clientId;
    }

    /** {@return the OAuth client secret the token endpoint accepts ({@link Builder#client(String, String)})} */
    public String clientSecret() {
        return settings.clientSecret;
    }

    private static String requireRedirectUri(String redirectUri) {
        if (redirectUri == null || redirectUri.isBlank()) {
            throw new IllegalArgumentException("redirectUri must be given");
        }
        return redirectUri;
    }

    /**
     * Injects {@code fault} into {@code endpoint} for every token without a fault of its own.
     *
     * @param endpoint the endpoint
     * @param fault what it does instead of answering normally
     * @return this simulator
     */
    public RingCentralSimulator inject(Endpoint endpoint, Fault fault) {
        faults.put(endpoint, null, Objects.requireNonNull(fault, "fault"));
        return this;
    }

    /**
     * Injects {@code fault} into {@code endpoint} for requests with {@code token} only.
     *
     * @param endpoint the endpoint
     * @param token the bearer token the fault is for
     * @param fault what it does instead of answering normally
     * @return this simulator
     */
    public RingCentralSimulator inject(Endpoint endpoint, String token, Fault fault) {
        faults.put(endpoint, Objects.requireNonNull(token, "token"), Objects.requireNonNull(fault, "fault"));
        return this;
    }

    /**
     * Removes every injected fault.
     *
     * @return this simulator
     */
    public RingCentralSimulator clearFaults() {
        faults.clear();
        return this;
    }

    /**
     * Changes the rate limits from the next request on; counts so far are kept.
     *
     * @param limits the new limits
     * @return this simulator
     */
    public RingCentralSimulator rateLimits(RateLimits limits) {
        running().limits(Objects.requireNonNull(limits, "limits"));
        return this;
    }

    /**
     * Spends {@code n} calls of the budget of {@code token}'s user in {@code group}, as {@code n} of the
     * application's own calls (say, message-store reads in {@link RateLimits.Group#LIGHT Light}) would at this
     * instant, without any HTTP. The budget is the user's, not the token's: the token only names the user, and
     * may be expired. Calls over the limit are refused as requests would be: the first starts the penalty, and
     * every call during a penalty restarts it. With {@link RateLimits#disabled() disabled} limits nothing is
     * counted.
     *
     * <pre>{@code
     * simulator.spend("t1", RateLimits.Group.LIGHT, 49);   // the app's own Light calls
     * // the guard's next permission check is the 50th Light call of the minute; the one after it is a 429
     * }</pre>
     *
     * <p>Over HTTP, {@code GET .../message-store} ({@link Endpoint#MESSAGE_STORE}) spends one Light call too.
     *
     * @param token a token of the user
     * @param group the rate-limit group
     * @param n how many calls, at least 1
     * @return how many of the {@code n} calls were allowed (the others were refused)
     * @throws IllegalArgumentException if no user has {@code token}, or {@code n < 1}
     */
    public int spend(String token, RateLimits.Group group, int n) {
        Objects.requireNonNull(group, "group");
        if (n < 1) {
            throw new IllegalArgumentException("n must be positive");
        }
        return running().spend(user(token), group, n);
    }

    /**
     * A read-only look at the budget of {@code token}'s user in {@code group}: calls spent in the current window by
     * any of the user's tokens and by {@link #spend(String, RateLimits.Group, int)}, and the penalty, if any.
     * Spends nothing.
     *
     * @param token a token of the user
     * @param group the rate-limit group
     * @return the user's usage in that group
     * @throws IllegalArgumentException if no user has {@code token}
     */
    public RateLimitUsage rateLimitUsage(String token, RateLimits.Group group) {
        Objects.requireNonNull(group, "group");
        return running().usage(user(token), group);
    }

    /**
     * Forgets every user's rate-limit windows and penalties.
     *
     * @return this simulator
     */
    public RingCentralSimulator resetRateLimits() {
        running().resetRateLimits();
        return this;
    }

    /**
     * Back to the state of a simulator just started with no users: forgets every user (the builder's too), their
     * tokens, authorization codes and refresh tokens, every injected fault, count and rate-limit window, and puts the
     * builder's rate limits and latency back. Users added afterwards get ids from 400100200301 again. Keeps the port,
     * so a client pointed at {@link #baseUri()} stays pointed at it; a request in flight meanwhile may see either
     * state. For test kits that run one simulator per test class and want each test to start clean.
     *
     * <pre>{@code
     * simulator.reset();
     * simulator.addUser(u -> u.token("t1").grant("ReadMessages"));   // extension 400100200301, as in the last test
     * }</pre>
     *
     * @return this simulator
     */
    public RingCentralSimulator reset() {
        Gateway running = running();
        users.clear();
        settings.usersMade.set(0);
        oauth.clear();
        faults.clear();
        counters.reset();
        running.limits(settings.rateLimits);
        running.defaultLatency(settings.defaultLatency);
        running.resetRateLimits();
        return this;
    }

    /**
     * Sets the latency added before every answer, e.g. 20 ms to resemble a real network in benchmarks.
     *
     * @param latency the latency, zero for none
     * @return this simulator
     */
    public RingCentralSimulator defaultLatency(Duration latency) {
        running().defaultLatency(Objects.requireNonNull(latency, "latency"));
        return this;
    }

    /** Every user, in the order they were added. */
    List<SimulatedUser> users() {
        return users.all();
    }

    /** The rate limits in force now. */
    RateLimits currentRateLimits() {
        return running().limits();
    }

    /** {@link #rateLimitUsage(String, RateLimits.Group)} by user rather than by token. */
    RateLimitUsage rateLimitUsage(SimulatedUser user, RateLimits.Group group) {
        return running().usage(user, group);
    }

    /** Rate-limit windows held in memory, for tests that they are forgotten. */
    int rateLimitWindows() {
        return running().rateLimitWindows();
    }

    /** {@return the call counters} */
    public CallCounters counters() {
        return counters;
    }

    /** Stops listening at once and ends the worker threads. */
    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    private synchronized Gateway running() {
        if (gateway == null) {
            throw new IllegalStateException("Not started");
        }
        return gateway;
    }

    /**
     * Settings and users of a {@link RingCentralSimulator}.
     *
     * <pre>{@code
     * RingCentralSimulator.builder()
     *         .port(8089).threads(16)
     *         .rateLimits(RateLimits.of(5, 5, Duration.ofSeconds(1), Duration.ofSeconds(1)))
     *         .defaultLatency(Duration.ofMillis(20))
     *         .user(u -> u.token("t1").fromBundledFixtures())
     *         .build();
     * }</pre>
     */
    public static final class Builder {
        /** The OAuth client id unless {@link #client(String, String)} says otherwise. */
        public static final String DEFAULT_CLIENT_ID = "rcguard-simulator-client";

        /** The OAuth client secret unless {@link #client(String, String)} says otherwise. */
        public static final String DEFAULT_CLIENT_SECRET = "rcguard-simulator-secret";

        /** The {@code scope} of issued tokens unless {@link #scope(String)} says otherwise. */
        public static final String DEFAULT_SCOPE = "ReadAccounts ReadMessages";

        /** The account id users get unless they set their own. */
        public static final String DEFAULT_ACCOUNT_ID = "400100200300";

        /** The extension id of the first user without one of its own; the next ones count up from it. */
        static final long FIRST_EXTENSION_ID = 400100200301L;

        private int port;
        private int threads = 64;
        private RateLimits rateLimits = RateLimits.ringCentralDefaults();
        private Duration defaultLatency = Duration.ZERO;
        private InstantSource clock = InstantSource.system();
        private String clientId = DEFAULT_CLIENT_ID;
        private String clientSecret = DEFAULT_CLIENT_SECRET;
        private Duration accessTokenLifetime = Duration.ofSeconds(3599);
        private Duration refreshTokenLifetime = Duration.ofSeconds(604799);
        private String scope = DEFAULT_SCOPE;
        private boolean controlEndpoint;
        private final List<SimulatedUser> users = new ArrayList<>();
        private final AtomicInteger usersMade = new AtomicInteger();

        private Builder() {}

        /**
         * The port on 127.0.0.1; 0 (the default) picks a free one.
         *
         * @param port the port, 0 for a free one
         * @return this builder
         */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * Worker threads answering requests (default 64).
         *
         * @param threads at least 1
         * @return this builder
         */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be positive");
            }
            this.threads = threads;
            return this;
        }

        /**
         * Rate limits; default {@link RateLimits#ringCentralDefaults()}.
         *
         * @param rateLimits the limits
         * @return this builder
         */
        public Builder rateLimits(RateLimits rateLimits) {
            this.rateLimits = Objects.requireNonNull(rateLimits, "rateLimits");
            return this;
        }

        /**
         * Serves the control endpoint under {@code /simulator/} on the simulator's port (default off; the standalone
         * simulator turns it on): grant and revoke a permission of a user named by its {@link SimulatedUser#login(String)
         * login}, read the user and the call counters, over HTTP, for a test that runs in another process. It is
         * never under RingCentral's {@code /restapi} paths, and its requests are not counted as RingCentral calls
         * (simulator/README.md, "The control endpoint").
         *
         * <pre>{@code
         * RingCentralSimulator.builder().controlEndpoint(true).user(u -> u.login("alice").token("t1")).start();
         * // POST http://127.0.0.1:<port>/simulator/users/alice/grants/ReadMessages -> 200 {"granted":true,...}
         * }</pre>
         *
         * @param enabled whether to serve it
         * @return this builder
         */
        public Builder controlEndpoint(boolean enabled) {
            this.controlEndpoint = enabled;
            return this;
        }

        /**
         * Latency added before every answer (default none).
         *
         * @param defaultLatency the latency, zero for none
         * @return this builder
         */
        public Builder defaultLatency(Duration defaultLatency) {
            this.defaultLatency = Objects.requireNonNull(defaultLatency, "defaultLatency");
            return this;
        }

        /**
         * The OAuth client the token endpoint accepts as {@code Authorization: Basic base64(id:secret)}; default
         * {@value #DEFAULT_CLIENT_ID} / {@value #DEFAULT_CLIENT_SECRET}.
         *
         * @param id the client id
         * @param secret the client secret
         * @return this builder
         */
        public Builder client(String id, String secret) {
            if (id == null || id.isEmpty() || id.indexOf(':') >= 0 || secret == null || secret.isEmpty()) {
                throw new IllegalArgumentException("client id (without ':') and secret must be non-empty");
            }
            this.clientId = id;
            this.clientSecret = secret;
            return this;
        }

        /**
         * How long issued access tokens live (default 3599 s, RingCentral's {@code expires_in}); whole seconds.
         *
         * @param lifetime positive
         * @return this builder
         */
        public Builder accessTokenLifetime(Duration lifetime) {
            this.accessTokenLifetime = requireSeconds(lifetime, "accessTokenLifetime");
            return this;
        }

        /**
         * How long issued refresh tokens live (default 604799 s, about a week); whole seconds.
         *
         * @param lifetime positive
         * @return this builder
         */
        public Builder refreshTokenLifetime(Duration lifetime) {
            this.refreshTokenLifetime = requireSeconds(lifetime, "refreshTokenLifetime");
            return this;
        }

        /**
         * The {@code scope} the token endpoint answers (default {@value #DEFAULT_SCOPE}).
         *
         * @param scope space-separated permission names
         * @return this builder
         */
        public Builder scope(String scope) {
            this.scope = Objects.requireNonNull(scope, "scope");
            return this;
        }

        /**
         * The simulator's clock: rate-limit windows and penalties, and the expiry of authorization codes, access
         * and refresh tokens. A hand-moved one lets tests pass an hour without sleeping.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(InstantSource clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Adds a user. It starts in account {@value #DEFAULT_ACCOUNT_ID} with the next free extension id
         * (400100200301, 400100200302, ...), no tokens, no permissions and no features.
         *
         * @param configuration sets the user's token, ids, permissions and features
         * @return this builder
         */
        public Builder user(Consumer<SimulatedUser> configuration) {
            users.add(newUser(configuration));
            return this;
        }

        /** {@return the simulator, not yet started} */
        public RingCentralSimulator build() {
            return new RingCentralSimulator(this);
        }

        /**
         * {@link #build()} and {@link RingCentralSimulator#start()}.
         *
         * @return the simulator, listening
         */
        public RingCentralSimulator start() {
            return build().start();
        }

        private static Duration requireSeconds(Duration lifetime, String name) {
            Objects.requireNonNull(lifetime, name);
            if (lifetime.toSeconds() < 1 || lifetime.toNanos() % 1_000_000_000L != 0) {
                throw new IllegalArgumentException(name + " must be a positive number of whole seconds");
            }
            return lifetime;
        }

        private SimulatedUser newUser(Consumer<SimulatedUser> configuration) {
            long extensionId = FIRST_EXTENSION_ID + usersMade.getAndIncrement();
            SimulatedUser user = new SimulatedUser(DEFAULT_ACCOUNT_ID, String.valueOf(extensionId));
            configuration.accept(user);
            return user;
        }
    }
}
