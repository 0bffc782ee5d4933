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
 * spread over the calls: each {@link #admit} looks at the next {@link #SWEEP_STEP} entries of each map, and each
 * decision kept at the next {@link #SWEEP_STEP} decisions, so the sweep keeps pace with what comes in and costs each
 * call a few entries. A walk over every entry once a second, on whichever request came then, cost about as much per
 * request with 30,000 users, in one stall: each entry it looks at is a cache miss.
 */
public final class InMemoryBudgetStore implements BudgetStore {

    /**
     * Entries of a map looked at per step: more than a call adds to it (a user, two budgets; decisions step once per
     * decision kept), so the sweep keeps ahead of what comes in, and an expired entry is gone after one pass.
     */
    static final int SWEEP_STEP = 4;

    private record Learned(String user, long until) {}

    private record Kept(Remembered decision, long until) {}

    private final Policy policy;
    private final Map<String, Learned> users = new ConcurrentHashMap<>();
    private final Map<String, Budget> budgets = new ConcurrentHashMap<>();
    private final Map<String, Kept> decisions = new ConcurrentHashMap<>();
    private final Sweep<Learned> usersSwept = new Sweep<>(users);
    private final Sweep<Budget> budgetsSwept = new Sweep<>(budgets);
    private final Sweep<Kept> decisionsSwept = new Sweep<>(decisions);

    public InMemoryBudgetStore(Policy policy) {
        this.policy = policy;
    }

    @Override
    public String userOf(String tokenHash, long now) {
        Learned learned = users.get(tokenHash);
        return learned == null || learned.until <= now ? null : learned.user;
    }

    @Override
    public void learn(String tokenHash, String user, long until) {
        users.put(tokenHash, new Learned(user, until));
    }

    @Override
    public void forget(String tokenHash) {
        users.remove(tokenHash);
    }

    @Override
    public Budget.Admission admit(String budgetKey, String group, long now, boolean reusable) {
        sweepAStep(now);
        Budget.Admission[] admission = new Budget.Admission[1];
        budgets.compute(budgetKey, (key, budget) -> {
            admission[0] = orFresh(budget, group, now).admit(now, policy, reusable);
            return admission[0].budget();
        });
        return admission[0];
    }

    @Override
    public void charge(String budgetKey, String group, long now) {
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
        decisionsSwept.step(kept -> kept.until < then);
        decisions.merge(
                decisionKey,
                new Kept(decision, until),
                (old, mine) -> old.decision.decidedAt() > mine.decision.decidedAt() ? old : mine);
    }

    private Budget orFresh(Budget budget, String group, long now) {
        return budget != null ? budget : Budget.fresh(group, now, policy);
    }

    /** The next entries of each map, their expired ones removed. */
    private void sweepAStep(long now) {
        usersSwept.step(learned -> learned.until <= now);
        decisionsSwept.step(kept -> kept.until < now);
        budgetsSwept.step(budget -> budget.expiresAt(policy) <= now);
    }

    /**
     * A walk over one map that goes on from call to call, {@link #SWEEP_STEP} entries at a time; a call that finds it
     * taken by another thread leaves it, and starts a new walk when one ends. An entry changed since it was looked at
     * is not removed.
     */
    private static final class Sweep<V> {

        private final Map<String, V> map;
        private final ReentrantLock walking = new ReentrantLock();
        private Iterator<Map.Entry<String, V>> cursor = Collections.emptyIterator();

        Sweep(Map<String, V> map) {
            this.map = map;
        }

        void step(Predicate<V> expired) {
            if (!walking.tryLock()) {
                return;
            }
            try {
                boolean restarted = false;
                for (int looked = 0; looked < SWEEP_STEP; looked++) {
                    if (!cursor.hasNext()) {
                        if (restarted) { // the whole map was shorter than a step
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
