package dev.rcguard.engine;

import dev.rcguard.Caller;
import dev.rcguard.Decision;
import dev.rcguard.Decision.Kind;
import dev.rcguard.Logical;
import dev.rcguard.Reason;
import dev.rcguard.RequestMemo;
import dev.rcguard.Requirement;
import dev.rcguard.client.RestRingCentralClient;
import dev.rcguard.client.RingCentralClient;
import dev.rcguard.config.GuardConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The decision engine: checks a {@link Requirement} for a {@link Caller} live against RingCentral.
 *
 * <p>On the way to RingCentral each id passes, in order:
 * <ol>
 *   <li>the per-request {@link RequestMemo}: an id already asked in this request is not asked again;
 *   <li>the rate-limit gate: after a 429 for this token, nothing is sent until Retry-After has passed;
 *   <li>in-flight coalescing: identical concurrent checks share one call (nothing outlives that call);
 *   <li>the {@link RingCentralClient}: the permission ids concurrently, the feature ids in one call.
 * </ol>
 * No answer is kept beyond its request. Every failure is a refusal.
 *
 * <pre>{@code
 * PermissionGuard guard = PermissionGuard.shared(GuardConfig.load(name -> null));
 * Decision decision = guard.check(caller, requirement, null, RequestMemo.create());
 * }</pre>
 */
public final class PermissionGuard {

    private static final Map<GuardConfig, PermissionGuard> SHARED = new ConcurrentHashMap<>();

    /** One in-flight call: the key of a permission check, or of a batch of features. */
    private record CallKey(
            String fingerprint, String accountId, String extensionId, Kind kind, List<String> ids, String target) {}

    private final RingCentralClient client;
    private final GuardConfig config;
    private final RateLimitGate gate;
    private final InFlightCalls<CallKey, Decision> permissionCalls = new InFlightCalls<>();
    private final InFlightCalls<CallKey, Map<String, Decision>> featureCalls = new InFlightCalls<>();

    public PermissionGuard(RingCentralClient client, GuardConfig config) {
        this.client = client;
        this.config = config;
        this.gate = new RateLimitGate(System::nanoTime);
    }

    /**
     * The application's guard for this configuration, created on first use. Every adapter of one application asks
     * here, so they share one rate-limit gate and one set of in-flight calls.
     */
    public static PermissionGuard shared(GuardConfig config) {
        return SHARED.computeIfAbsent(config, c -> new PermissionGuard(new RestRingCentralClient(c), c));
    }

    public GuardConfig config() {
        return config;
    }

    /**
     * Checks {@code requirement} and waits for the decision (at most {@link GuardConfig#checkDeadline()}).
     *
     * @param caller the caller, or {@code null} when the request carried no usable token
     * @param targetExtensionId the target extension of the permission checks, or {@code null} for the caller's own
     * @param memo this request's memo
     */
    public Decision check(Caller caller, Requirement requirement, String targetExtensionId, RequestMemo memo) {
        CompletableFuture<Decision> decision = checkAsync(caller, requirement, targetExtensionId, memo);
        try {
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

    /** As {@link #check}, without waiting. The future never fails: errors are refusals. */
    public CompletableFuture<Decision> checkAsync(
            Caller caller, Requirement requirement, String targetExtensionId, RequestMemo memo) {
        if (caller == null) {
            return CompletableFuture.completedFuture(Decision.missingToken());
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
                    RequestMemo.Key.of(caller, Kind.PERMISSION, id, target),
                    asked -> askPermission(caller, id, target).whenComplete(Failures.completing(asked))));
        }
        return Combination.of(rule.logical(), decisions);
    }

    private CompletableFuture<Decision> askPermission(Caller caller, String id, String target) {
        Duration wait = gate.remaining(caller.fingerprint());
        if (!wait.isZero()) {
            return CompletableFuture.completedFuture(heldBack(wait));
        }
        CallKey key = new CallKey(
                caller.fingerprint(), caller.accountId(), caller.extensionId(), Kind.PERMISSION, List.of(id), target);
        return coalesced(permissionCalls, key, () -> client.checkPermission(caller, id, target))
                .thenApply(decision -> watchRateLimit(caller, decision));
    }

    private CompletableFuture<Decision> features(Caller caller, Requirement.Rule rule, RequestMemo memo) {
        List<CompletableFuture<Decision>> decisions = new ArrayList<>(rule.ids().size());
        Map<String, CompletableFuture<Decision>> toAsk = new LinkedHashMap<>();
        for (String id : rule.ids()) {
            decisions.add(
                    memo.answer(RequestMemo.Key.of(caller, Kind.FEATURE, id, null), asked -> toAsk.put(id, asked)));
        }
        if (!toAsk.isEmpty()) { // the ids this request has not asked yet, in one call
            askFeatures(caller, List.copyOf(toAsk.keySet()))
                    .whenComplete((answers, failure) -> toAsk.forEach((id, asked) ->
                            Failures.completing(asked).accept(answers == null ? null : answers.get(id), failure)));
        }
        return Combination.of(rule.logical(), decisions);
    }

    private CompletableFuture<Map<String, Decision>> askFeatures(Caller caller, List<String> ids) {
        Duration wait = gate.remaining(caller.fingerprint());
        if (!wait.isZero()) {
            Decision held = heldBack(wait);
            Map<String, Decision> all = new HashMap<>();
            ids.forEach(id -> all.put(id, held));
            return CompletableFuture.completedFuture(all);
        }
        CallKey key = new CallKey(
                caller.fingerprint(), caller.accountId(), caller.extensionId(), Kind.FEATURE, List.copyOf(ids), null);
        return coalesced(featureCalls, key, () -> client.checkFeatures(caller, ids))
                .thenApply(answers -> {
                    answers.values().forEach(decision -> watchRateLimit(caller, decision));
                    return answers;
                });
    }

    private <V> CompletableFuture<V> coalesced(
            InFlightCalls<CallKey, V> calls, CallKey key, Supplier<CompletableFuture<V>> call) {
        return config.coalesceInFlight() ? calls.share(key, call) : call.get();
    }

    private Decision watchRateLimit(Caller caller, Decision decision) {
        if (decision.isRateLimited()) {
            gate.holdBack(caller.fingerprint(), decision.retryAfter());
        }
        return decision;
    }

    private static Decision heldBack(Duration wait) {
        return Decision.rateLimited(
                new Reason(
                        "CMN-301",
                        "Request rate exceeded; no call is sent to RingCentral until Retry-After has passed"),
                wait);
    }

    /** Tokens held back by the rate-limit gate right now. */
    public int rateLimitedTokens() {
        return gate.size();
    }

    /** Upstream calls in flight right now. */
    public int callsInFlight() {
        return permissionCalls.size() + featureCalls.size();
    }
}
