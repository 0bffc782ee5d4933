package dev.rcguard.testkit;

import dev.rcguard.internal.OpenGuards;
import dev.rcguard.simulator.CallCounters;
import dev.rcguard.simulator.Endpoint;
import dev.rcguard.simulator.Fault;
import dev.rcguard.simulator.RateLimitUsage;
import dev.rcguard.simulator.RateLimits;
import dev.rcguard.simulator.RingCentralSimulator;
import dev.rcguard.simulator.SimulatedUser;
import dev.rcguard.spi.PermissionGuard;
import java.net.URI;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The RingCentral of a test: the project's simulator, running on {@code 127.0.0.1} for a class that uses
 * {@link WithRingCentralSimulator} (or {@link RingCentralSimulatorExtension}), and what a test does with it: add users,
 * grant and revoke permissions, make features unavailable, expire tokens, inject faults, read the counts of calls.
 * Every change is seen by the very next request. Each test starts with no users, no faults, zero counts and fresh
 * rate-limit windows.
 *
 * <pre>{@code
 * @Test
 * void revokedPermission_is403(SimulatedRingCentral ringCentral) {
 *     ringCentral.addUser("alice-token").grant("ReadMessages").feature("SMSSending", true);
 *     ringCentral.revoke("alice-token", "ReadMessages");
 *     ringCentral.inject(Endpoint.FEATURES, Fault.serviceUnavailable());
 *     assertThat(ringCentral.counters().calls("alice-token", "ReadMessages")).isEqualTo(1);
 * }
 * }</pre>
 *
 * For anything else the simulator does (OAuth codes, a latency, spending a user's budget) use {@link #simulator()}.
 */
public final class SimulatedRingCentral {

    private final RingCentralSimulator simulator;
    private final String serverUrlBefore;

    SimulatedRingCentral(RingCentralSimulator simulator, String serverUrlBefore) {
        this.simulator = simulator;
        this.serverUrlBefore = serverUrlBefore;
    }

    /** {@return {@code http://127.0.0.1:<port>}: what {@code rcguard.server-url} is set to while the class runs} */
    public URI baseUri() {
        return simulator.baseUri();
    }

    /**
     * Adds a user with this access token and nothing granted; chain its permissions and features:
     * {@code addUser("alice-token").grant("ReadMessages").feature("SMSSending", true)}. Users get account
     * {@value RingCentralSimulator.Builder#DEFAULT_ACCOUNT_ID} and extension ids 400100200301, 400100200302, ... in the
     * order a test adds them.
     *
     * @param token the user's access token
     * @return the new user, to grant permissions and features to
     */
    public SimulatedUser addUser(String token) {
        Objects.requireNonNull(token, "token");
        return simulator.addUser(user -> user.token(token));
    }

    /**
     * Adds a user as {@code configuration} sets it: tokens, login, ids, permissions, features.
     *
     * @param configuration sets the user's tokens, login, ids, permissions and features
     * @return the new user
     */
    public SimulatedUser addUser(Consumer<SimulatedUser> configuration) {
        return simulator.addUser(Objects.requireNonNull(configuration, "configuration"));
    }

    /**
     * The user owning {@code token}, to change while the test runs.
     *
     * @param token a token the user owns
     * @return the user
     * @throws IllegalArgumentException if no user has it
     */
    public SimulatedUser user(String token) {
        return simulator.user(token);
    }

    /**
     * Grants permissions to {@code token}'s user: its next check of each is answered {@code successful: true}.
     *
     * @param token a token of the user
     * @param permissionIds the permissions to grant
     * @return this handle
     */
    public SimulatedRingCentral grant(String token, String... permissionIds) {
        SimulatedUser user = user(token);
        for (String id : permissionIds) {
            user.grant(id);
        }
        return this;
    }

    /**
     * Takes permissions away from {@code token}'s user: its next check of each is answered {@code successful: false}.
     *
     * @param token a token of the user
     * @param permissionIds the permissions to take away
     * @return this handle
     */
    public SimulatedRingCentral revoke(String token, String... permissionIds) {
        SimulatedUser user = user(token);
        for (String id : permissionIds) {
            user.revoke(id);
        }
        return this;
    }

    /**
     * Makes a feature of {@code token}'s user available or not (without a reason).
     *
     * @param token a token of the user
     * @param featureId the feature id
     * @param available whether it is available
     * @return this handle
     */
    public SimulatedRingCentral feature(String token, String featureId, boolean available) {
        user(token).feature(featureId, available);
        return this;
    }

    /**
     * Makes a feature of {@code token}'s user unavailable with RingCentral's reason, which the guard's 403 carries:
     * {@code unavailable("alice-token", "SMSSending", "ServicePlanLimitation", "The feature is unavailable for the
     * current service plan")}.
     *
     * @param token a token of the user
     * @param featureId the feature id
     * @param code RingCentral's reason code
     * @param message RingCentral's reason text
     * @return this handle
     */
    public SimulatedRingCentral unavailable(String token, String featureId, String code, String message) {
        user(token).unavailable(featureId, code, message);
        return this;
    }

    /**
     * Every request with {@code token} is answered 401 {@code OAU-128} from now on (the guard answers 401).
     *
     * @param token the token to expire
     * @return this handle
     */
    public SimulatedRingCentral expireToken(String token) {
        simulator.expireToken(token);
        return this;
    }

    /**
     * Injects a fault into every request to {@code endpoint}: {@code Fault.serviceUnavailable()},
     * {@code Fault.dropConnection()}, {@code Fault.malformedJson()}, {@code Fault.latencyMillis(5_000)},
     * {@code Fault.status(429, body).withHeader("Retry-After", "30")}, ... Each is a refusal for the guard (503).
     *
     * @param endpoint the endpoint
     * @param fault what it does instead of answering normally
     * @return this handle
     */
    public SimulatedRingCentral inject(Endpoint endpoint, Fault fault) {
        simulator.inject(endpoint, fault);
        return this;
    }

    /**
     * Injects a fault into the requests to {@code endpoint} that carry {@code token} only.
     *
     * @param endpoint the endpoint
     * @param token the bearer token the fault is for
     * @param fault what it does instead of answering normally
     * @return this handle
     */
    public SimulatedRingCentral inject(Endpoint endpoint, String token, Fault fault) {
        simulator.inject(endpoint, token, fault);
        return this;
    }

    /**
     * Removes every injected fault.
     *
     * @return this handle
     */
    public SimulatedRingCentral clearFaults() {
        simulator.clearFaults();
        return this;
    }

    /**
     * What reached the simulator since the test started: {@code counters().calls("alice-token", "ReadMessages")},
     * {@code counters().calls(Endpoint.FEATURES)}, {@code counters().total()}, {@code counters().connections()}.
     *
     * @return the simulator's call counters
     */
    public CallCounters counters() {
        return simulator.counters();
    }

    /**
     * Enforces {@code limits} for the rest of this test; the next test starts with the class's again.
     *
     * @param limits the limits to enforce
     * @return this handle
     */
    public SimulatedRingCentral rateLimits(RateLimits limits) {
        simulator.rateLimits(limits);
        return this;
    }

    /**
     * Spends {@code n} calls of {@code token}'s user's budget in {@code group}, as the application's own calls would;
     * how many were allowed. Counts only while rate limits are on.
     *
     * @param token a token of the user
     * @param group the rate-limit group
     * @param n how many calls, at least 1
     * @return how many of the {@code n} calls were allowed
     */
    public int spend(String token, RateLimits.Group group, int n) {
        return simulator.spend(token, group, n);
    }

    /**
     * What {@code token}'s user has spent of its budget in {@code group}, and its penalty; spends nothing.
     *
     * @param token a token of the user
     * @param group the rate-limit group
     * @return the user's usage in that group
     */
    public RateLimitUsage rateLimitUsage(String token, RateLimits.Group group) {
        return simulator.rateLimitUsage(token, group);
    }

    /**
     * Makes every open guard pointed at this simulator forget its rate-limit state (budgets, penalties, decisions kept
     * for reuse), as is done before each test; for a test that wants it mid-way.
     *
     * @return how many guards forgot
     */
    public int forgetGuardState() {
        int forgot = 0;
        for (PermissionGuard guard : OpenGuards.list()) {
            if (pointsHere(guard.config().serverUrl())) {
                guard.economy().forgetAll();
                forgot++;
            }
        }
        return forgot;
    }

    /**
     * The simulator itself, for what this class does not offer. Do not close it: the test kit does.
     *
     * @return the running simulator
     */
    public RingCentralSimulator simulator() {
        return simulator;
    }

    /** Before each test: the simulator and the guards pointed at it as if just started. */
    void startTest() {
        simulator.reset();
        forgetGuardState();
    }

    void stop() {
        simulator.close();
    }

    String serverUrlBefore() {
        return serverUrlBefore;
    }

    private boolean pointsHere(URI serverUrl) {
        return serverUrl.getPort() == simulator.port()
                && "http".equalsIgnoreCase(serverUrl.getScheme())
                && isLoopback(serverUrl.getHost());
    }

    private static boolean isLoopback(String host) {
        return "127.0.0.1".equals(host) || "localhost".equalsIgnoreCase(host) || "[::1]".equals(host);
    }

    @Override
    public String toString() {
        return "SimulatedRingCentral at " + baseUri();
    }
}
