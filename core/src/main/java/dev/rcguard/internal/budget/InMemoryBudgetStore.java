package dev.rcguard.internal.budget;

import dev.rcguard.spi.RingCentralClient.RateLimit;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * The {@link BudgetStore} of one node: concurrent maps whose entries are changed inside {@code compute}, and swept
 * once they have expired, so memory follows the users active within a window, not every user ever seen. The sweep is
 * spread over the calls: an operation that may add an entry to a map ({@link #admit} and {@link #charge} a budget,
 * {@link #learn} a token's user, {@link #remember} a decision) looks at the next {@link #SWEEP_STEP} entries of that
 * map, and each admission at the next one of the two others, so that each map is swept at least twice as fast as it
 * grows and, while checks go on, every map is swept. A walk over every entry once a second, on whichever request came
 * then, cost about as much per request with 30,000 users, in one stall; and each entry looked at is a cache miss, so a
 * check looks at four or five, not more.
 */
public final class InMemoryBudgetStore implements BudgetStore {

    /**
     * Entries of a map looked at by an operation that may add one: twice what comes in, so the sweep keeps ahead of
     * it, and an expired entry is gone after one pass.
     */
    static final int SWEEP_STEP = 2;

    private record Kept(Remembered decision, long until) {}

    private final Policy policy;
    private final Map<String, TokenUser> users = new ConcurrentHashMap<>();
    private final Map<String, Budget> budgets = new ConcurrentHashMap<>();
    private final Map<String, Kept> decisions = new ConcurrentHashMap<>();
    private final Sweep<TokenUser> usersSwept = new Sweep<>(users);
    private final Sweep<Budget> budgetsSwept = new Sweep<>(budgets);
    private final Sweep<Kept> decisionsSwept = new Sweep<>(decisions);

    public InMemoryBudgetStore(Policy policy) {
        this.policy = policy;
    }

    @Override
    public TokenUser userOf(String tokenHash, long now) {
        TokenUser known = users.get(tokenHash);
        return known == null || known.until() <= now ? null : known;
    }

    @Override
    public void learn(String tokenHash, String user, long now, long until) {
        usersSwept.step(SWEEP_STEP, known -> known.until() <= now);
        users.put(tokenHash, new TokenUser(user, until));
    }

    @Override
    public void forget(String tokenHash) {
        users.remove(tokenHash);
    }

    @Override
    public Budget.Admission admit(String budgetKey, String group, long now, boolean reusable) {
        usersSwept.step(1, known -> known.until() <= now);
        decisionsSwept.step(1, kept -> kept.until < now);
        budgetsSwept.step(SWEEP_STEP, budget -> budget.expiresAt(policy) <= now);
        Budget.Admission[] admission = new Budget.Admission[1];
        budgets.compute(budgetKey, (key, budget) -> {
            admission[0] = orFresh(budget, group, now).admit(now, policy, reusable);
            return admission[0].budget();
        });
        return admission[0];
    }

    @Override
    public void charge(String budgetKey, String group, long now) {
        budgetsSwept.step(SWEEP_STEP, budget -> budget.expiresAt(policy) <= now);
        budgets.compute(budgetKey, (key, budget) -> orFresh(budget, group, now).charged(now, policy));
    }

    @Override
    public void refund(String budgetKey, String group, long now) {
        budgets.compute(budgetKey, (key, budget) -> orFresh(budget, group, now).refunded(now, policy));
    }

    @Override
    public void observe(String budgetKey, RateLimit seen, long now) {
        budgets.compute(
                budgetKey, (key, budget) -> orFresh(budget, seen.group(), now).observed(seen, now, policy));
    }

    @Override
    public void penalize(String budgetKey, String group, long retryAfterMillis, long now) {
        budgets.compute(
                budgetKey, (key, budget) -> orFresh(budget, group, now).penalized(retryAfterMillis, now, policy));
    }

    @Override
    public Budget budget(String budgetKey) {
        return budgets.get(budgetKey);
    }

    @Override
    public Remembered latest(String decisionKey, long now) {
        Kept kept = decisions.get(decisionKey);
        return kept == null || kept.until < now ? null : kept.decision;
    }

    @Override
    public void remember(String decisionKey, Remembered decision, long until) {
        long then = decision.decidedAt(); // no later than now: what expired by then has expired
        decisionsSwept.step(SWEEP_STEP, kept -> kept.until < then);
        decisions.merge(
                decisionKey,
                new Kept(decision, until),
                (old, mine) -> old.decision.decidedAt() > mine.decision.decidedAt() ? old : mine);
    }

    private Budget orFresh(Budget budget, String group, long now) {
        return budget != null ? budget : Budget.fresh(group, now, policy);
    }

    /**
     * A walk over one map that goes on from call to call, a few entries at a time; a call that finds it taken by
     * another thread leaves it, and starts a new walk when one ends. An entry changed since it was looked at is not
     * removed.
     */
    private static final class Sweep<V> {

        private final Map<String, V> map;
        private final ReentrantLock walking = new ReentrantLock();
        private Iterator<Map.Entry<String, V>> cursor = Collections.emptyIterator();

        Sweep(Map<String, V> map) {
            this.map = map;
        }

        /** Looks at the next {@code entries} entries, and removes those {@code expired}. */
        void step(int entries, Predicate<V> expired) {
            if (!walking.tryLock()) {
                return;
            }
            try {
                boolean restarted = false;
                for (int looked = 0; looked < entries; looked++) {
                    if (!cursor.hasNext()) {
                        if (restarted) { // the whole map was shorter than the step
                            return;
                        }
                        cursor = map.entrySet().iterator();
                        restarted = true;
                        if (!cursor.hasNext()) {
                            return;
                        }
                    }
                    Map.Entry<String, V> entry = cursor.next();
                    if (expired.test(entry.getValue())) {
                        map.remove(entry.getKey(), entry.getValue());
                    }
                }
            } finally {
                walking.unlock();
            }
        }
    }

    @Override
    public void clear() {
        users.clear();
        budgets.clear();
        decisions.clear();
    }

    @Override
    public int size() {
        return users.size() + budgets.size() + decisions.size();
    }
}
