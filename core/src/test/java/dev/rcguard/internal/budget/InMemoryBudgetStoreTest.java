package dev.rcguard.internal.budget;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The in-memory store forgets expired entries a few at a time, check by check: never all at once on one request. */
class InMemoryBudgetStoreTest {

    static final Policy HALF = new Policy(0.5, 10_000);

    @Test
    void expiredEntriesAreSweptAStepPerCall_andAllAreGoneAfterOnePass() {
        InMemoryBudgetStore store = new InMemoryBudgetStore(HALF);
        int users = 10_000;
        for (int i = 0; i < users; i++) {
            store.learn("token-" + i, "1/" + i, 1_000);
        }
        store.learn("still-valid", "1/0", 60_000);
        assertThat(store.size()).isEqualTo(users + 1);

        for (int i = 0; i < 100; i++) {
            assertThat(store.userOf("token-1", 2_000)).isNull(); // a lookup only: it sweeps nothing
        }
        assertThat(store.size()).isEqualTo(users + 1);

        store.admit("1/0|Light", "Light", 2_000, false); // one check: one step, at most SWEEP_STEP entries looked at
        assertThat(store.size()) // the users, and now a budget
                .isLessThan(users + 2)
                .isGreaterThanOrEqualTo(users + 2 - InMemoryBudgetStore.SWEEP_STEP);

        int calls = users / InMemoryBudgetStore.SWEEP_STEP + 1;
        for (int i = 0; i < calls; i++) {
            store.admit("1/0|Light", "Light", 2_000, false);
        }
        assertThat(store.size()).isEqualTo(2);
        assertThat(store.userOf("still-valid", 2_000)).isEqualTo("1/0");
    }
}
