package dev.rcguard.spi;

import dev.rcguard.Decision;
import dev.rcguard.Decision.Kind;
import dev.rcguard.Logical;
import dev.rcguard.PermissionCheckEvent;
import dev.rcguard.PermissionCheckListener;
import dev.rcguard.Reason;
import dev.rcguard.TokenSource;
import dev.rcguard.internal.OpenGuards;
import dev.rcguard.internal.budget.BudgetStore;
import dev.rcguard.internal.budget.FallbackBudgetStore;
import dev.rcguard.internal.budget.InMemoryBudgetStore;
import dev.rcguard.internal.budget.JCacheBudgetStore;
import dev.rcguard.internal.budget.Policy;
import dev.rcguard.internal.budget.RateLimitEconomy;
import dev.rcguard.internal.client.HttpRingCentralClient;
import dev.rcguard.internal.client.TokenEndpoint;
import dev.rcguard.internal.engine.CallingThread;
import dev.rcguard.internal.engine.Combination;
import dev.rcguard.internal.engine.Failures;
import dev.rcguard.internal.engine.InFlightCalls;
import dev.rcguard.internal.telemetry.GuardTelemetry;
import dev.rcguard.internal.token.Refreshes;
import dev.rcguard.internal.token.SourceFailure;
import dev.rcguard.internal.token.TokenSources;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The decision engine of one application: checks a {@link Requirement} for a {@link Caller} live against RingCentral.
 *
 * <p>On the way to RingCentral each id passes, in order:
 * <ol>
 *   <li>the per-request {@link RequestMemo}: an id already asked in this request is not asked again;
 *   <li>in-flight coalescing: identical concurrent checks share one decision (nothing outlives it);
 *   <li>the rate-limit economy: a live call when the user's budget affords it; otherwise the user's latest decision
 *       for the id if it is at most {@code rcguard.max-decision-age-ms} old, else 503 with {@code Retry-After}, and
 *       never a call during a 429 penalty;
 *   <li>the {@link RingCentralClient}: the permission ids concurrently, the feature ids in one call.
 * </ol>
 * Below a user's budget every check is live. Every failure is a refusal.
 *
 * <p>An application has one guard, which holds its client's threads and connections and all its rate-limit state:
 * adapters obtain it through {@link ApplicationGuard}, which closes it when the application stops.
 *
 * <pre>{@code
 * try (PermissionGuard guard = PermissionGuard.create(GuardConfig.load(name -> null))) {
 *     Decision decision = guard.check(caller, requirement, null, RequestMemo.create());
 * }
 * }</pre>
 */
public final class PermissionGuard implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("dev.rcguard");

    /** A target extension that is neither digits nor {@code ~}: refused without asking RingCentral. */
    static final Reason INVALID_TARGET = new Reason("CMN-101", "Parameter [targetExtensionId] value is invalid.");

    /** RingCentral's codes for an access token that has expired ({@code OAU-128}) or is gone ({@code OAU-213}). */
    static final Set<String> EXPIRED_TOKEN_CODES = Set.of("OAU-128", "OAU-213");

    static final Decision CLOSED =
            Decision.unavailable(new Reason("GuardClosed", "The application is stopping; nothing is checked"));

    /** One in-flight call: the key of a permission check, or of a batch of features. */
    private record CallKey(
            String fingerprint, String accountId, String extensionId, Kind kind, List<String> ids, String target) {}

    private final RingCentralClient client;
    private final GuardConfig config;
    private final RateLimitEconomy economy;
    private final TokenSource tokenSource;
    private final List<PermissionCheckListener> listeners;
    /** Metrics and spans, when the application has OpenTelemetry; else {@link GuardTelemetry#NONE}. */
    private final GuardTelemetry telemetry;

    private final Refreshes refreshes = new Refreshes(System::nanoTime);
    private volatile boolean closed;
    private final InFlightCalls<CallKey, Decision> permissionCalls = new InFlightCalls<>();
    private final InFlightCalls<CallKey, Map<String, Decision>> featureCalls = new InFlightCalls<>();

    PermissionGuard(RingCentralClient client, GuardConfig config, BudgetStore store, LongSupplier clock) {
        this(client, config, store, clock, null);
    }

    /** @param telemetry where to record, or {@code null}: the application's OpenTelemetry, if it has one */
    PermissionGuard(
            RingCentralClient client,
            GuardConfig config,
            BudgetStore store,
            LongSupplier clock,
            GuardTelemetry telemetry) {
        this.client = client;
        this.config = config;
        ClassLoader application = Thread.currentThread().getContextClassLoader();
        this.listeners = listeners(application);
        this.tokenSource = TokenSources.of(
                config.tokenSource(),
                application,
                config.oauthClient() == null ? null : new TokenEndpoint(config, config.oauthClient())::refresh);
        this.telemetry = telemetry != null ? telemetry : GuardTelemetry.find(config, application);
        this.economy = new RateLimitEconomy(store, policy(config), clock, this.telemetry);
        if (client instanceof HttpRingCentralClient http) { // its calls are the check's children
            http.recordTo(this.telemetry);
        }
        OpenGuards.opened(this);
    }

    PermissionGuard(RingCentralClient client, GuardConfig config, LongSupplier clock) {
        this(client, config, store(config), clock);
    }

    static Policy policy(GuardConfig config) {
        return new Policy(config.rateLimitShare(), config.maxDecisionAge().toMillis());
    }

    /** This node's memory, or the cluster's JCache with this node's memory to fall back on. */
    static BudgetStore store(GuardConfig config) {
        Policy policy = policy(config);
        if (config.rateLimitStore() == GuardConfig.Store.MEMORY) {
            return new InMemoryBudgetStore(policy);
        }
        return new FallbackBudgetStore(
                JCacheBudgetStore.open(config.jcacheProvider(), config.jcacheUri(), policy),
                new InMemoryBudgetStore(FallbackBudgetStore.stricter(policy)),
                "JCache",
                System::nanoTime);
    }

    /**
     * A guard that calls the RingCentral server {@code config} names. Close it when the application stops.
     *
     * @param config the guard's configuration
     * @return the guard
     */
    public static PermissionGuard create(GuardConfig config) {
        return over(new HttpRingCentralClient(config), config);
    }

    /**
     * A guard over another transport (benchmarks, tests); closing the guard closes the transport.
     *
     * @param client the transport to RingCentral
     * @param config the guard's configuration
     * @return the guard
     */
    public static PermissionGuard over(RingCentralClient client, GuardConfig config) {
        return new PermissionGuard(client, config, System::currentTimeMillis);
    }

    /** {@return the guard's configuration} */
    public GuardConfig config() {
        return config;
    }

    /**
     * The caller of {@code request}, from the application's {@link TokenSource} ({@code rcguard.token-source});
     * {@code null} when the request carries no well-formed token (a 401, nothing sent).
     *
     * @param request the adapter's view of the current request
     * @return the caller, or {@code null}
     */
    public Caller caller(TokenSource.Request request) {
        return caller(tokenSource, request);
    }

    /**
     * As {@link #caller(TokenSource.Request)}, from another source; one that throws counts as no token, logged.
     *
     * @param source the token source to ask
     * @param request the adapter's view of the current request
     * @return the caller, or {@code null}
     */
    public Caller caller(TokenSource source, TokenSource.Request request) {
        String token;
        try {
            token = source.accessToken(request);
        } catch (RuntimeException failed) {
            LOG.log(
                    Level.WARNING,
                    "The application's RingCentral token source failed; the request has no token",
                    SourceFailure.of(failed));
            return null;
        }
        if (token == null || !Caller.isWellFormedToken(token.strip())) {
            return null;
        }
        Caller caller = Caller.of(token.strip());
        // RingCentral rejected this token a moment ago: the request goes on with its refreshed one (the source may not
        // hold it yet), waiting for a refresh still under way rather than asking RingCentral again with the old token
        String refreshed = refreshes.replacement(caller.fingerprint(), config.checkDeadline());
        if (refreshed != null) {
            caller = caller.withToken(refreshed);
        }
        String used = caller.accessToken();
        return caller.renewable(() -> source.refresh(request, used));
    }

    /**
     * What an adapter acts on: checks {@code requirement} unless this request was already granted it for the same
     * target, refuses a malformed target without asking RingCentral, logs a refusal (never the token), and in
     * report-only mode lets a refusal through.
     *
     * @param endpoint the protected endpoint, for logs (such as {@code GET /api/messages})
     * @param requirement what the endpoint requires
     * @param caller the caller, or {@code null} when the request carried no usable token
     * @param rawTarget the target extension as the request gave it (a path or query parameter, an argument), or
     *     {@code null}; ignored unless the requirement has a target extension
     * @param memo this request's memo: what it already asked and was granted
     * @param mode enforce, or report-only
     * @return the verdict: proceed, or the refusal to write
     */
    public Verdict enforce(
            String endpoint,
            Requirement requirement,
            Caller caller,
            String rawTarget,
            RequestMemo memo,
            GuardConfig.Mode mode) {
        boolean enforced = mode == GuardConfig.Mode.ENFORCE;
        String target = requirement.targetExtension() == null ? null : rawTarget;
        if (caller != null && memo.wasGranted(caller, requirement, target)) {
            telemetry.alreadyGranted(requirement);
            return Verdict.alreadyGranted(enforced);
        }
        long start = System.nanoTime();
        Decision decision;
        // telemetry: the check's span is current while it decides, so that its calls to RingCentral are children
        try (GuardTelemetry.Check recorded =
                telemetry.check(endpoint, requirement, target, enforced, memo::answeredFromMemo)) {
            if (caller != null && requirement.targetExtension() != null && !Caller.isExtensionId(target)) {
                // Without a token the answer is 401 whatever the target; a bad target is never sent to RingCentral.
                decision = Decision.denied(
                        Kind.PERMISSION, requirement.permissions().ids().get(0), INVALID_TARGET);
            } else {
                decision = check(caller, requirement, target, memo);
                if (hasExpired(decision) && caller.renewal() != null) {
                    Caller renewed = renew(caller);
                    if (renewed != null) { // once: the renewed caller is not renewable
                        caller = renewed;
                        decision = check(renewed, requirement, target, memo);
                    }
                }
            }
            recorded.decided(decision);
        }
        Verdict verdict = new Verdict(decision, enforced, Duration.ofNanos(System.nanoTime() - start), false);
        report(endpoint, requirement, caller, target, verdict);
        if (decision.isGranted()) {
            memo.recordGrant(caller, requirement, target);
        } else if (enforced || decision.outcome() == Decision.Outcome.UNAVAILABLE) {
            // an unavailable RingCentral is the client's to report, once a minute per cause, not once a request
            LOG.log(Level.DEBUG, "RingCentral guard refused {0}: {1}", endpoint, describe(decision));
        } else {
            LOG.log(
                    Level.WARNING,
                    "RingCentral guard (report-only) would refuse {0}: {1}",
                    endpoint,
                    describe(decision));
        }
        return verdict;
    }

    /** RingCentral's answer that the token has expired, or is gone: a refresh may help. */
    private static boolean hasExpired(Decision decision) {
        return decision.outcome() == Decision.Outcome.UNAUTHENTICATED
                && decision.reason() != null
                && EXPIRED_TOKEN_CODES.contains(decision.reason().code());
    }

    /** The caller with its refreshed token, single-flight per expired token; {@code null} when none came. */
    private Caller renew(Caller expired) {
        String token = refreshes.renew(expired.fingerprint(), expired.renewal(), config.checkDeadline());
        return token == null || !Caller.isWellFormedToken(token.strip()) ? null : expired.withToken(token.strip());
    }

    /** Tells the application's listeners (and through {@code rcguard-cdi}, CDI observers) what was checked. */
    private void report(String endpoint, Requirement requirement, Caller caller, String target, Verdict verdict) {
        if (listeners.isEmpty()) {
            return;
        }
        String account = caller == null ? null : caller.accountId();
        String extension = caller == null ? null : caller.extensionId();
        String user = caller == null || !Caller.OWN.equals(extension) ? null : economy.userOf(caller);
        if (user != null) {
            account = user.substring(0, user.indexOf('/'));
            extension = user.substring(user.indexOf('/') + 1);
        }
        PermissionCheckEvent event = new PermissionCheckEvent(
                endpoint,
                account,
                extension,
                requirement,
                target,
                verdict.decision(),
                verdict.latency(),
                verdict.enforced());
        for (PermissionCheckListener listener : listeners) {
            try {
                listener.onCheck(event);
            } catch (RuntimeException failed) {
                LOG.log(
                        Level.WARNING,
                        "The permission check listener " + listener.getClass().getName() + " failed",
                        failed);
            }
        }
    }

    /** The application's {@link PermissionCheckListener} services; one that cannot be loaded is logged and skipped. */
    private static List<PermissionCheckListener> listeners(ClassLoader loader) {
        List<PermissionCheckListener> found = new ArrayList<>();
        Iterator<PermissionCheckListener> services =
                ServiceLoader.load(PermissionCheckListener.class, loader).iterator();
        for (int i = 0; i < 100; i++) { // bounded: a broken provider may fail again and again
            try {
                if (!services.hasNext()) {
                    break;
                }
                found.add(services.next());
            } catch (ServiceConfigurationError | LinkageError broken) {
                LOG.log(Level.WARNING, "A PermissionCheckListener could not be loaded; it receives nothing", broken);
            }
        }
        return List.copyOf(found);
    }

    private static String describe(Decision decision) {
        String id = decision.id() == null ? "" : " " + decision.id();
        String reason =
                decision.reason() == null ? "no token" : decision.reason().code();
        return decision.outcome() + id + " (" + reason + ")";
    }

    /**
     * Checks {@code requirement} and waits for the decision (at most {@link GuardConfig#checkDeadline()}).
     *
     * @param caller the caller, or {@code null} when the request carried no usable token
     * @param requirement the permissions or features to check
     * @param targetExtensionId the target extension of the permission checks, or {@code null} for the caller's own
     * @param memo this request's memo
     * @return the decision; errors are refusals, never exceptions
     */
    public Decision check(Caller caller, Requirement requirement, String targetExtensionId, RequestMemo memo) {
        // this thread waits for the decision anyway: it makes the check's calls itself, with no hand-off
        try (CallingThread waiting = CallingThread.willWait()) {
            CompletableFuture<Decision> decision = checkAsync(caller, requirement, targetExtensionId, memo);
            waiting.runTaken();
            return decision.get(config.checkDeadline().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return Failures.timedOut();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Decision.unavailable(new Reason("Interrupted", "The permission check was interrupted"));
        } catch (ExecutionException e) {
            return Failures.unexpected(e.getCause());
        }
    }

    /**
     * As {@link #check}, without waiting. The future never fails: errors are refusals.
     *
     * @param caller the caller, or {@code null} when the request carried no usable token
     * @param requirement the permissions or features to check
     * @param targetExtensionId the target extension of the permission checks, or {@code null} for the caller's own
     * @param memo this request's memo
     * @return the decision to come
     */
    public CompletableFuture<Decision> checkAsync(
            Caller caller, Requirement requirement, String targetExtensionId, RequestMemo memo) {
        if (caller == null) {
            return CompletableFuture.completedFuture(Decision.missingToken());
        }
        if (closed) { // not even a decision kept from before: the application has stopped
            return CompletableFuture.completedFuture(CLOSED);
        }
        try {
            List<CompletableFuture<Decision>> parts = new ArrayList<>(2);
            if (requirement.permissions() != null) {
                parts.add(permissions(caller, requirement.permissions(), targetExtensionId, memo));
            }
            if (requirement.features() != null) {
                parts.add(features(caller, requirement.features(), memo));
            }
            return Combination.of(Logical.ALL, parts);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(Failures.unexpected(e));
        }
    }

    private CompletableFuture<Decision> permissions(
            Caller caller, Requirement.Rule rule, String target, RequestMemo memo) {
        List<CompletableFuture<Decision>> decisions = new ArrayList<>(rule.ids().size());
        for (String id : rule.ids()) {
            decisions.add(memo.answer(
                    caller,
                    Kind.PERMISSION,
                    id,
                    target,
                    asked -> askPermission(caller, id, target).whenComplete(Failures.completing(asked))));
        }
        return Combination.of(rule.logical(), decisions);
    }

    private CompletableFuture<Decision> askPermission(Caller caller, String id, String target) {
        List<String> ids = List.of(id);
        CallKey key = new CallKey(
                caller.fingerprint(), caller.accountId(), caller.extensionId(), Kind.PERMISSION, ids, target);
        return coalesced(
                permissionCalls,
                key,
                () -> economy.decide(
                                caller,
                                Kind.PERMISSION,
                                ids,
                                target,
                                user -> client.checkPermission(caller, id, target, user))
                        .thenApply(decisions -> decisions.get(id)));
    }

    private CompletableFuture<Decision> features(Caller caller, Requirement.Rule rule, RequestMemo memo) {
        List<CompletableFuture<Decision>> decisions = new ArrayList<>(rule.ids().size());
        Map<String, CompletableFuture<Decision>> toAsk = new LinkedHashMap<>();
        for (String id : rule.ids()) {
            decisions.add(memo.answer(caller, Kind.FEATURE, id, null, asked -> toAsk.put(id, asked)));
        }
        if (!toAsk.isEmpty()) { // the ids this request has not asked yet, in one call
            askFeatures(caller, List.copyOf(toAsk.keySet()))
                    .whenComplete((answers, failure) -> toAsk.forEach((id, asked) ->
                            Failures.completing(asked).accept(answers == null ? null : answers.get(id), failure)));
        }
        return Combination.of(rule.logical(), decisions);
    }

    private CompletableFuture<Map<String, Decision>> askFeatures(Caller caller, List<String> ids) {
        CallKey key =
                new CallKey(caller.fingerprint(), caller.accountId(), caller.extensionId(), Kind.FEATURE, ids, null);
        return coalesced(
                featureCalls,
                key,
                () -> economy.decide(caller, Kind.FEATURE, ids, null, user -> client.checkFeatures(caller, ids)));
    }

    private <V> CompletableFuture<V> coalesced(
            InFlightCalls<CallKey, V> calls, CallKey key, Supplier<CompletableFuture<V>> call) {
        return config.coalesceInFlight()
                ? calls.share(key, call, () -> telemetry.coalesced(key.ids().size()))
                : call.get();
    }

    /** {@return how the guard spends each user's rate-limit budget: its calls, reused decisions, refusals, and budgets} */
    public RateLimitEconomy economy() {
        return economy;
    }

    /** {@return the token refreshes started since the guard started: one per expired token, however many requests met it} */
    public long refreshesStarted() {
        return refreshes.started();
    }

    /** {@return the upstream calls in flight right now} */
    public int callsInFlight() {
        return permissionCalls.size() + featureCalls.size();
    }

    /** Stops the client's threads and closes its connections; checks made afterwards fail closed. */
    @Override
    public void close() {
        closed = true;
        OpenGuards.closed(this);
        economy.close();
        if (client instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "Closing the RingCentral client failed", e);
            }
        }
    }
}
