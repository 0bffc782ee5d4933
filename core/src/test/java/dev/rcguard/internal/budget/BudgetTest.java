package dev.rcguard.internal.budget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rcguard.spi.RingCentralClient.RateLimit;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;

/** The arithmetic of one user's budget in one group, with explicit times: no clock, no network. */
class BudgetTest {

    static final Policy HALF = new Policy(0.5, 10_000);
    static final long MINUTE = 60_000;

    @Test
    void ringCentralsDefaults_giveTheGuardHalfOfEachGroup() {
        assertThat(HALF.allowance(50)).isEqualTo(25);
        assertThat(HALF.burst(50)).isEqualTo(5);
        assertThat(HALF.reserve(50)).isEqualTo(2);
        assertThat(1 / HALF.refillPerMilli(50, MINUTE)).isEqualTo(3_000.0); // Light: a call every 3 s
        assertThat(HALF.allowance(40)).isEqualTo(20);
        assertThat(HALF.burst(40)).isEqualTo(4);
        assertThat(1 / HALF.refillPerMilli(40, MINUTE)).isEqualTo(3_750.0); // Medium: every 3.75 s
        assertThat(Budget.fresh("Light", 0, HALF).limit()).isEqualTo(50);
        assertThat(Budget.fresh("medium", 0, HALF).limit()).isEqualTo(40);
        assertThat(Budget.fresh("Heavy", 0, HALF).limit()).isEqualTo(10);
        assertThat(Budget.fresh("SomethingNew", 0, HALF).limit()).isEqualTo(10);
    }

    @Test
    void aRefundGivesBackOneCall_andWhatRingCentralSaidIsLeft_neverBeyondAFullBucket() {
        Budget seen =
                Budget.fresh("Light", 0, HALF).observed(new RateLimit("Light", 50, 40, Duration.ofMinutes(1)), 0, HALF);
        Budget spent = seen.admit(0, HALF, false).budget();
        assertThat(spent.tokensAt(0, HALF)).isEqualTo(4.0);
        assertThat(spent.remainingNow(0)).isEqualTo(39);

        Budget refunded = spent.refunded(0, HALF);

        assertThat(refunded.tokensAt(0, HALF)).isEqualTo(5.0);
        assertThat(refunded.remainingNow(0)).isEqualTo(40);
        assertThat(refunded.refunded(0, HALF).tokensAt(0, HALF)).isEqualTo(5.0); // the burst: never more at once
    }

    @Test
    void whateverTheRate_noWindowEverHoldsMoreCallsThanTheShare() {
        for (long spacing : new long[] {1, 50, 100, 400, 2_999, 3_000, 3_001}) {
            Budget budget = Budget.fresh("Light", 0, HALF);
            Deque<Long> calls = new ArrayDeque<>();
            int most = 0;
            for (long now = 0; now < 10 * MINUTE; now += spacing) {
                Budget.Admission admission = budget.admit(now, HALF, false);
                budget = admission.budget();
                if (admission.live()) {
                    calls.addLast(now);
                    while (calls.peekFirst() <= now - MINUTE) {
                        calls.removeFirst();
                    }
                    most = Math.max(most, calls.size()); // calls within the closed minute ending now
                }
            }
            assertThat(most)
                    .as("calls in one minute, one request every %d ms", spacing)
                    .isLessThanOrEqualTo(25);
        }
    }

    @Test
    void belowTheBudget_everyRequestIsLive_evenWhenADecisionCouldBeReused() {
        Budget budget = Budget.fresh("Light", 0, HALF);
        for (long now = 0; now < 5 * MINUTE; now += 3_000) {
            Budget.Admission admission = budget.admit(now, HALF, true);
            assertThat(admission.live()).as("at %d ms", now).isTrue();
            budget = admission.budget();
        }
    }

    @Test
    void theLastCallsOfTheBucketAreKeptForChecksThatHaveNothingToReuse() {
        Budget budget = Budget.fresh("Light", 0, HALF);
        for (int i = 0; i < 3; i++) { // 5 → 2: a check that could reuse a decision may spend these three
            Budget.Admission admission = budget.admit(0, HALF, true);
            assertThat(admission.live()).isTrue();
            budget = admission.budget();
        }
        Budget.Admission couldReuse = budget.admit(0, HALF, true);
        assertThat(couldReuse.live()).isFalse();
        assertThat(couldReuse.retryAfterMillis()).isEqualTo(3_000); // until the bucket holds 3 again

        Budget.Admission first = budget.admit(0, HALF, false);
        Budget.Admission second = first.budget().admit(0, HALF, false);
        Budget.Admission third = second.budget().admit(0, HALF, false);
        assertThat(first.live()).isTrue();
        assertThat(second.live()).isTrue();
        assertThat(third.live()).isFalse();
        assertThat(third.retryAfterMillis()).isEqualTo(3_000); // one call regained every 3 s
    }

    @Test
    void theHeadersSetTheLimitAndTheWindow_andCapWhatIsLeftOfTheShare() {
        Budget budget = Budget.fresh("Light", 0, HALF); // 5 calls at once, assuming RingCentral's defaults
        budget = budget.admit(0, HALF, false).budget();

        budget = budget.observed(new RateLimit("Light", 10, 9, Duration.ofSeconds(30)), 10, HALF);

        assertThat(budget.limit()).isEqualTo(10);
        assertThat(budget.windowMillis()).isEqualTo(30_000);
        assertThat(budget.tokensAt(10, HALF)).isEqualTo(1.0); // a share of 5 per 30 s allows a burst of 1
        assertThat(budget.remainingNow(10)).isEqualTo(9);
        Budget.Admission next = budget.admit(10, HALF, false);
        assertThat(next.live()).isTrue();
        assertThat(next.budget().remainingNow(10)).isEqualTo(8); // the guard's own call, counted until told anew
        assertThat(next.budget().admit(10, HALF, false).live()).isFalse();
    }

    @Test
    void theLastCallOfRingCentralsWindowIsLeftToTheApplication() {
        Budget budget = Budget.fresh("Light", 0, HALF)
                .observed(new RateLimit("Light", 50, 1, Duration.ofSeconds(60)), 1_000, HALF);

        Budget.Admission admission = budget.admit(2_000, HALF, false);

        assertThat(admission.live()).isFalse();
        assertThat(admission.retryAfterMillis()).isEqualTo(59_000); // until what RingCentral said has passed
        assertThat(budget.admit(61_000, HALF, false).live()).isTrue();
    }

    @Test
    void aPenalty_isNeverRestartedByTheGuard_andEndsWhenRetryAfterHasPassed() {
        Budget budget = Budget.fresh("Light", 0, HALF).penalized(60_000, 1_000, HALF);

        for (long now = 1_000; now < 61_000; now += 250) {
            Budget.Admission admission = budget.admit(now, HALF, false);
            assertThat(admission.live()).as("at %d ms", now).isFalse();
            assertThat(admission.retryAfterMillis()).isEqualTo(61_000 - now);
            budget = admission.budget();
        }
        assertThat(budget.admit(61_000, HALF, false).live()).isTrue();
        assertThat(budget.penalized(1_000, 2_000, HALF).penaltyUntil())
                .as("a shorter Retry-After never shortens a penalty")
                .isEqualTo(61_000);
    }

    @Test
    void aCallChargedAfterTheFact_isPaidBackBeforeTheNextOne() {
        Budget budget = Budget.fresh("Light", 0, HALF);
        for (int i = 0; i < 5; i++) {
            budget = budget.charged(0, HALF);
        }
        budget = budget.charged(0, HALF); // a new token's first call, once its answer named this user

        assertThat(budget.tokensAt(0, HALF)).isEqualTo(-1.0);
        Budget.Admission admission = budget.admit(0, HALF, false);
        assertThat(admission.live()).isFalse();
        assertThat(admission.retryAfterMillis()).isEqualTo(6_000);
    }

    @Test
    void aBudgetExpiresOnceItIsNoDifferentFromAFreshOne() {
        Budget budget = Budget.fresh("Light", 0, HALF);
        assertThat(budget.expiresAt(HALF)).isZero();

        Budget spent =
                budget.admit(0, HALF, false).budget().admit(0, HALF, false).budget();
        assertThat(spent.expiresAt(HALF)).isEqualTo(6_000); // two calls to regain, one every 3 s

        Budget seen = spent.observed(new RateLimit("Light", 50, 40, Duration.ofSeconds(60)), 100, HALF);
        assertThat(seen.expiresAt(HALF)).isEqualTo(60_100); // RingCentral's count is kept for its window

        Budget penalized = seen.penalized(90_000, 200, HALF);
        assertThat(penalized.expiresAt(HALF)).isEqualTo(90_200);
    }

    @Test
    void strictMode_neverReusesADecision() {
        Policy strict = new Policy(0.5, 0);
        assertThat(strict.reusable(0)).isFalse();
        assertThat(HALF.reusable(10_000)).isTrue();
        assertThat(HALF.reusable(10_001)).isFalse();
    }
}
