package dev.rcguard.internal.budget;

import dev.rcguard.Decision;
import dev.rcguard.Decision.Kind;
import dev.rcguard.Decision.Outcome;
import dev.rcguard.Reason;
import dev.rcguard.internal.budget.BudgetStore.Remembered;
import dev.rcguard.internal.budget.BudgetStore.TokenUser;
import dev.rcguard.internal.telemetry.GuardTelemetry;
import dev.rcguard.spi.Caller;
import dev.rcguard.spi.RingCentralClient.Answer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Spends each RingCentral user's rate-limit budget so that the guard never causes a 429 and never locks the user out
 * of the application's own calls (ARCHITECTURE.md, "Decision age").
 *
 * <p>Before each call it asks the user's {@link Budget} in the endpoint's group whether the call is affordable
 * ({@link Budget#admit}: within the guard's share, not during a penalty, not the last call of RingCentral's window;
 * the last calls of the share are kept for checks that have no decision to reuse). If it is, the call goes out, live,
 * exactly as without an economy. If it is not, each id is answered from the user's latest decision for it when that
 * decision is at most {@code max-decision-age} old, and otherwise refused without a call: 503 with {@code Retry-After}
 * (when a call is regained or the penalty ends). Only grants and denials are kept for reuse; a rejected token, a rate
 * limit or a failure never is.
 *
 * <p>RingCentral counts per user (account and extension) and group, so the budget does too: a token's user is learned
 * from a check answer's {@code uri}, and until then (a token's first call, or one that only ever asks features, whose
 * answers name nobody) the token counts as a user of its own. Calls made that way are charged to the user as soon as
 * an answer names them; a call RingCentral answers 401 (an expired token, say) is given back to the user, since
 * RingCentral counts calls per authenticated user. Each answer's {@code X-Rate-Limit-*} headers update the budget; a
 * 429 starts its penalty.
 */
public final class RateLimitEconomy implements AutoCloseable {

    /**
     * How long a token's user is remembered after an answer named them: a token never changes users, and while its
     * user is known its permission checks share connections (an answer must then name that user), so a user who comes
     * back within minutes opens no connection of their own.
     */
    static final long USER_MEMORY_MILLIS = Duration.ofMinutes(10).toMillis();

    /**
     * How often at most the memory of a token's user is renewed: an answer that names the user it is remembered for
     * renews it only if it was last renewed longer ago than this (in a cluster, each renewal is a write to its cache).
     */
    static final long USER_RENEWAL_MILLIS = Duration.ofMinutes(1).toMillis();

    static final Reason BUDGET_SPENT = new Reason(
            "BudgetSpent", "The guard's share of this user's RingCentral rate limit is spent; no call was made");
    static final Reason PENALTY =
            new Reason("CMN-301", "Request rate exceeded; no call is sent to RingCentral until Retry-After has passed");

    private final BudgetStore store;
    private final Policy policy;
    private final LongSupplier clock;
    /** The group each endpoint belongs to: RingCentral's documented one until an answer says otherwise. */
    private final Map<Kind, String> groups =
            new ConcurrentHashMap<>(Map.of(Kind.PERMISSION, "Light", Kind.FEATURE, "Medium"));

    private final LongAdder liveCalls = new LongAdder();
    private final LongAdder reused = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder rateLimitedAnswers = new LongAdder();
    private final CallTimes callTimes = new CallTimes();
    private final GuardTelemetry telemetry;

    public RateLimitEconomy(BudgetStore store, Policy policy, LongSupplier clock) {
        this(store, policy, clock, GuardTelemetry.NONE);
    }

    /** @param telemetry told of each reuse, refusal, penalty and budget seen */
    public RateLimitEconomy(BudgetStore store, Policy policy, LongSupplier clock, GuardTelemetry telemetry) {
        this.store = store;
        this.policy = policy;
        this.clock = clock;
        this.telemetry = telemetry;
    }

    /**
     * The decisions about {@code ids} (a permission, or a batch of features asked in one call) for {@code caller}:
     * from {@code call} if the budget affords it, else reused or refused. {@code call} is given the user
     * ({@code accountId/extensionId}) an earlier answer showed the caller's token to belong to, or {@code null}.
     */
    public CompletableFuture<Map<String, Decision>> decide(
            Caller caller,
            Kind kind,
            List<String> ids,
            String target,
            Function<String, CompletableFuture<Answer>> call) {
        long now = clock.getAsLong();
        TokenUser known = store.userOf(caller.fingerprint(), now);
        String user = known != null ? known.user() : null;
        String owner = user != null ? user : "token:" + caller.fingerprint();
        String group = groups.get(kind);
        Map<String, Remembered> usable = new HashMap<>(ids.size() * 2);
        for (String id : ids) {
            Remembered latest = store.latest(decisionKey(owner, kind, id, target), now);
            if (latest != null && policy.reusable(now - latest.decidedAt())) {
                usable.put(id, latest);
            }
        }
        Budget.Admission admission = store.admit(budgetKey(owner, group), group, now, usable.size() == ids.size());
        if (!admission.live()) {
            return CompletableFuture.completedFuture(withoutCall(ids, usable, admission, now));
        }
        liveCalls.increment();
        long sent = System.nanoTime();
        return call.apply(user).thenApply(answer -> {
            callTimes.add(System.nanoTime() - sent);
            learn(caller, kind, target, owner, known, group, now, answer);
            return answer.decisions();
        });
    }

    private Map<String, Decision> withoutCall(
            List<String> ids, Map<String, Remembered> usable, Budget.Admission admission, long now) {
        Reason why = admission.budget().penaltyUntil() > now ? PENALTY : BUDGET_SPENT;
        Duration retryAfter = Duration.ofMillis(Math.max(1, admission.retryAfterMillis()));
        Map<String, Decision> decisions = new HashMap<>(ids.size() * 2);
        for (String id : ids) {
            Remembered latest = usable.get(id);
            if (latest != null) {
                reused.increment();
                telemetry.reused();
                decisions.put(id, latest.decision());
            } else {
                refused.increment();
                telemetry.refusedForBudget(why.code());
                decisions.put(id, Decision.rateLimited(why, retryAfter));
            }
        }
        return decisions;
    }

    /**
     * What an answer taught: whose token it is, the budget's headers, a penalty, and the decisions to keep. {@code known}
     * is whose the token was known to be when the call was admitted; when {@code null}, the call was charged to the
     * token as a user of its own ({@code owner}).
     */
    private void learn(
            Caller caller,
            Kind kind,
            String target,
            String owner,
            TokenUser known,
            String askedGroup,
            long sentAt,
            Answer answer) {
        long now = clock.getAsLong();
        String user = owner;
        boolean provisional = known == null;
        Decision any = answer.decisions().values().iterator().next(); // one call, one status: alike for every id
        if (any.outcome() == Outcome.UNAUTHENTICATED) {
            store.forget(caller.fingerprint()); // a rejected token borrows nothing from its user again
            if (!provisional) { // RingCentral counts per authenticated user: a call it rejected was not the user's
                store.refund(budgetKey(owner, askedGroup), askedGroup, now);
            }
            return;
        }
        if (answer.user() != null && asksForItself(caller)) {
            if (provisional
                    || !known.user().equals(answer.user())
                    || known.until() - now < USER_MEMORY_MILLIS - USER_RENEWAL_MILLIS) {
                store.learn(caller.fingerprint(), answer.user(), now, now + USER_MEMORY_MILLIS);
            }
            if (provisional) { // spent on the token's own budget: the user's budget pays for it too
                store.charge(budgetKey(answer.user(), askedGroup), askedGroup, now);
            }
            user = answer.user();
        }
        String group = askedGroup;
        if (answer.rateLimit() != null) {
            group = answer.rateLimit().group();
            groups.put(kind, group);
            store.observe(budgetKey(user, group), answer.rateLimit(), now);
            telemetry.budgetSeen(group, answer.rateLimit().remaining());
        }
        if (any.isRateLimited()) {
            rateLimitedAnswers.increment();
            telemetry.penalized(group);
            store.penalize(budgetKey(user, group), group, any.retryAfter().toMillis(), now);
            return;
        }
        if (policy.maxDecisionAgeMillis() == 0) {
            return;
        }
        for (Map.Entry<String, Decision> each : answer.decisions().entrySet()) {
            Decision decision = each.getValue();
            if (decision.outcome() == Outcome.GRANTED || decision.outcome() == Outcome.DENIED) {
                store.remember(
                        decisionKey(user, kind, each.getKey(), target),
                        new Remembered(decision, sentAt),
                        sentAt + policy.maxDecisionAgeMillis());
            }
        }
    }

    /**
     * Whether the caller's checks run on its own account and extension ({@code ~}): only then does an answer's
     * {@code uri} name the token's user rather than an extension the token asked about.
     */
    private static boolean asksForItself(Caller caller) {
        return Caller.OWN.equals(caller.accountId()) && Caller.OWN.equals(caller.extensionId());
    }

    private static String budgetKey(String owner, String group) {
        return owner + '|' + group;
    }

    private static String decisionKey(String owner, Kind kind, String id, String target) {
        return owner + '|' + kind + '|' + id + '|' + (target == null ? "" : target);
    }

    /** The caller's user ({@code accountId/extensionId}) as the last answer about its token named it, or {@code null}. */
    public String userOf(Caller caller) {
        TokenUser known = store.userOf(caller.fingerprint(), clock.getAsLong());
        return known == null ? null : known.user();
    }

    /** The budget of {@code user} ({@code accountId/extensionId}) in {@code group}, or {@code null} if none is kept. */
    public Budget budget(String user, String group) {
        return store.budget(budgetKey(user, group));
    }

    /**
     * Forgets every token's user, every budget and penalty, and every decision kept for reuse: the next check of any
     * user is decided as by a guard just started. The counts ({@link #liveCalls()} and the others) go on. For
     * {@code rcguard-testkit}, between tests; an application never needs it.
     */
    public void forgetAll() {
        store.clear();
    }

    /** Entries the store holds right now: bounded by the users active within a window, not every user seen. */
    public int entries() {
        return store.size();
    }

    public Policy policy() {
        return policy;
    }

    /** Closes the store (its threads, and a cache manager it opened). */
    @Override
    public void close() {
        if (store instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                System.getLogger("dev.rcguard")
                        .log(System.Logger.Level.WARNING, "Closing the rate-limit store failed", e);
            }
        }
    }

    /** Calls sent to RingCentral since the guard started. */
    public long liveCalls() {
        return liveCalls.sum();
    }

    /** How long the live calls took, from going out to their answer read (or their failure). */
    public CallTimes.Snapshot callTimes() {
        return callTimes.snapshot();
    }

    /** The live calls' durations, added up, and the longest. */
    public static final class CallTimes {

        /**
         * @param answered the live calls that have ended
         * @param total their durations added up
         * @param longest the longest of them
         */
        public record Snapshot(long answered, Duration total, Duration longest) {

            /** Their mean duration, zero before any. */
            public Duration mean() {
                return answered == 0 ? Duration.ZERO : total.dividedBy(answered);
            }
        }

        private final LongAdder answered = new LongAdder();
        private final LongAdder totalNanos = new LongAdder();
        private final LongAccumulator longestNanos = new LongAccumulator(Math::max, 0);

        void add(long nanos) {
            answered.increment();
            totalNanos.add(nanos);
            longestNanos.accumulate(nanos);
        }

        Snapshot snapshot() {
            return new Snapshot(
                    answered.sum(), Duration.ofNanos(totalNanos.sum()), Duration.ofNanos(longestNanos.get()));
        }
    }

    /** Ids answered from a decision at most {@code max-decision-age} old, without a call. */
    public long reusedDecisions() {
        return reused.sum();
    }

    /** Ids refused with 503 because the budget could not afford a call and no decision was fresh enough. */
    public long refusedForBudget() {
        return refused.sum();
    }

    /** 429s RingCentral answered (each one a call the economy should not have made: 0 is the goal). */
    public long rateLimitedAnswers() {
        return rateLimitedAnswers.sum();
    }
}
