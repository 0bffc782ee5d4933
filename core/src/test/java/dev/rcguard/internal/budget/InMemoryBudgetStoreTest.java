package dev.rcguard.internal.budget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rcguard.Decision;
import dev.rcguard.internal.budget.BudgetStore.Remembered;
import dev.rcguard.internal.budget.BudgetStore.TokenUser;
import org.junit.jupiter.api.Test;

/** The in-memory store forgets expired entries a few at a time, check by check: never all at once on one request. */
class InMemoryBudgetStoreTest {

    static final Policy HALF = new Policy(0.5, 10_000);

    @Test
    void whatAddsToAMapSweepsAStepOfIt_andAllExpiredEntriesAreGoneAfterOnePass() {
        InMemoryBudgetStore store = new InMemoryBudgetStore(HALF);
        int users = 10_000;
        for (int i = 0; i < users; i++) {
            store.learn("token-" + i, "1/" + i, 0, 1_000);
        }
        store.learn("still-valid", "1/0", 0, 60_000);
        assertThat(store.size()).isEqualTo(users + 1);

        for (int i = 0; i < 100; i++) {
            assertThat(store.userOf("token-1", 2_000)).isNull(); // a lookup only: it sweeps nothing
        }
        assertThat(store.size()).isEqualTo(users + 1);

        store.learn("new", "1/1", 2_000, 62_000); // one more, and at most SWEEP_STEP entries looked at
        assertThat(store.size())
                .isLessThan(users + 2)
                .isGreaterThanOrEqualTo(users + 2 - InMemoryBudgetStore.SWEEP_STEP);

        int learns = users / InMemoryBudgetStore.SWEEP_STEP + 1;
        for (int i = 0; i < learns; i++) {
            store.learn("new", "1/1", 2_000, 62_000);
        }
        assertThat(store.size()).isEqualTo(2);
        assertThat(store.userOf("still-valid", 2_000)).isEqualTo(new TokenUser("1/0", 60_000));
    }

    @Test
    void admissionsSweepEveryMap_soStateGoesWhileChecksGoOnThatAddNothing() {
        InMemoryBudgetStore store = new InMemoryBudgetStore(HALF);
        for (int i = 0; i < 100; i++) {
            store.learn("token-" + i, "1/" + i, 0, 1_000);
            store.remember("1/" + i + "|PERMISSION|ReadMessages|", new Remembered(Decision.granted(), 0), 1_000);
        }
        store.admit("1/0|Light", "Light", 0, false);
        assertThat(store.size()).isEqualTo(201);

        for (int i = 0; i < 101; i++) { // one entry of the users and of the decisions per admission
            store.admit("1/0|Light", "Light", 2_000, true);
        }
        assertThat(store.size()).as("only the budget just spent").isEqualTo(1);
        assertThat(store.budget("1/0|Light")).isNotNull();
    }
}
