package dev.rcguard.internal.budget;

import dev.rcguard.Decision;
import dev.rcguard.spi.RingCentralClient.RateLimit;

/**
 * Where the rate-limit economy keeps its state: which user a token belongs to, each user's {@link Budget} per group,
 * and each user's latest decision per (kind, id, target). Every budget operation is atomic for its key (two callers
 * never both spend the last call) and is one of {@link Budget}'s pure functions, so a cluster's cache can run the
 * same rules in an entry processor. Keys are hashes and ids, never a token; every entry expires with its window or
 * the decision-age bound. A store applies the {@link Policy} it was made with. {@link InMemoryBudgetStore} is the
 * default.
 */
public interface BudgetStore {

    /** The user a token was last seen to belong to, while it is remembered; else {@code null}. */
    TokenUser userOf(String tokenHash, long now);

    /** The token belongs to {@code user}, as learned at {@code now}; remembered until {@code until}. */
    void learn(String tokenHash, String user, long now, long until);

    /** Forgets whose the token is (RingCentral rejected it): nothing kept for its user is reused for it again. */
    void forget(String tokenHash);

    /** {@link Budget#admit}, atomically; a budget never seen starts {@link Budget#fresh}. */
    Budget.Admission admit(String budgetKey, String group, long now, boolean reusable);

    /** {@link Budget#charged}, atomically. */
    void charge(String budgetKey, String group, long now);

    /** {@link Budget#refunded}, atomically. */
    void refund(String budgetKey, String group, long now);

    /** {@link Budget#observed}, atomically. */
    void observe(String budgetKey, RateLimit seen, long now);

    /** {@link Budget#penalized}, atomically. */
    void penalize(String budgetKey, String group, long retryAfterMillis, long now);

    /** The budget as it stands, or {@code null} when nothing is known of it. */
    Budget budget(String budgetKey);

    /** The latest decision kept under {@code decisionKey}, or {@code null}. */
    Remembered latest(String decisionKey, long now);

    /** Keeps {@code decision} unless a newer one is kept already, until {@code until}. */
    void remember(String decisionKey, Remembered decision, long until);

    /** Forgets every token's user, budget and decision, as a store just opened: for tests, between them. */
    void clear();

    /** Entries this store holds right now (tokens learned, budgets, decisions): for tests and the memory benchmark. */
    int size();

    /**
     * Whose a token is.
     *
     * @param user the user ({@code accountId/extensionId}) an answer about the token named
     * @param until until when (epoch millis) this is remembered
     */
    record TokenUser(String user, long until) {}

    /**
     * A decision RingCentral made, and when the call that asked for it was sent.
     *
     * @param decision a grant or a denial: never a failure, a rate limit or a rejected token
     * @param decidedAt when the call was sent (epoch millis): RingCentral's answer is no older than this
     */
    record Remembered(Decision decision, long decidedAt) {}
}
