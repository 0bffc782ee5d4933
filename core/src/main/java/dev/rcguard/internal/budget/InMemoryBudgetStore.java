package dev.rcguard.internal.budget;

import dev.rcguard.spi.RingCentralClient.RateLimit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@link BudgetStore} of one node: concurrent maps whose entries are changed inside {@code compute}, and swept
 * once they have expired (at most once a second, by whichever call comes first after that), so memory follows the
 * users active within a window, not every user ever seen.
 */
public final class InMemoryBudgetStore implements BudgetStore {

    private static final long SWEEP_INTERVAL_MILLIS = 1_000;

    private record Learned(String user, long until) {}

    private record Kept(Remembered decision, long until) {}

    private final Policy policy;
    private final Map<String, Learned> users = new ConcurrentHashMap<>();
    private final Map<String, Budget> budgets = new ConcurrentHashMap<>();
    private final Map<String, Kept> decisions = new ConcurrentHashMap<>();
    private final AtomicLong nextSweep = new AtomicLong();

    public InMemoryBudgetStore(Policy policy) {
        this.policy = policy;
    }

    @Override
    public String userOf(String tokenHash, long now) {
        sweepIfDue(now);
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
        decisions.merge(
                decisionKey,
                new Kept(decision, until),
                (old, mine) -> old.decision.decidedAt() > mine.decision.decidedAt() ? old : mine);
    }

    private Budget orFresh(Budget budget, String group, long now) {
        return budget != null ? budget : Budget.fresh(group, now, policy);
    }

    /** One thread sweeps; the others go on. */
    private void sweepIfDue(long now) {
        long due = nextSweep.get();
        if (now < due || !nextSweep.compareAndSet(due, now + SWEEP_INTERVAL_MILLIS)) {
            return;
        }
        users.values().removeIf(learned -> learned.until <= now);
        decisions.values().removeIf(kept -> kept.until < now);
        budgets.values().removeIf(budget -> budget.expiresAt(policy) <= now);
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
