package dev.rcguard.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rcguard.Decision;
import dev.rcguard.Decision.Outcome;
import dev.rcguard.Logical;
import dev.rcguard.internal.budget.Budget;
import dev.rcguard.internal.budget.RateLimitEconomy;
import dev.rcguard.internal.client.HttpRingCentralClient;
import dev.rcguard.simulator.Endpoint;
import dev.rcguard.simulator.RateLimits;
import dev.rcguard.simulator.RingCentralSimulator;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each rule of the rate-limit economy, against the simulator over real HTTP. The guard and the simulator share one
 * clock that the test moves, so that minutes of RingCentral's windows pass in milliseconds and nothing depends on how
 * fast the machine is.
 */
class RateLimitEconomyTest {

    static final String ALICE = "alice-token";
    static final String ALICE_PHONE = "alice-phone-token"; // a second token of the same RingCentral user
    static final String BOB = "bob-token";
    static final String USER = "400100/400101"; // alice's account/extension, as the check answers' uri names them
    static final Requirement MESSAGES = Requirement.permissions(Logical.ALL, "ReadMessages");

    /** A clock the test moves by hand. */
    static final class TestClock implements InstantSource {
        private volatile long millis = 1_700_000_000_000L;

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public long millis() {
            return millis;
        }

        void advance(long by) {
            millis += by;
        }
    }

    final TestClock clock = new TestClock();
    RingCentralSimulator ringCentral;
    PermissionGuard guard;

    PermissionGuard guard(RateLimits limits, UnaryOperator<String> settings) {
        ringCentral = RingCentralSimulator.builder()
                .rateLimits(limits)
                .clock(clock)
                .user(u -> u.token(ALICE)
                        .token(ALICE_PHONE)
                        .accountId("400100")
                        .extensionId("400101")
                        .grant("ReadMessages")
                        .grant("ReadCallLog")
                        .feature("SMSSending", true))
                .user(u ->
                        u.token(BOB).accountId("400100").extensionId("400102").grant("ReadMessages"))
                .start();
        GuardConfig config = GuardConfig.load(settings::apply).withServerUrl(ringCentral.baseUri());
        guard = new PermissionGuard(new HttpRingCentralClient(config), config, clock::millis);
        return guard;
    }

    PermissionGuard guard() {
        return guard(RateLimits.ringCentralDefaults(), name -> null);
    }

    @AfterEach
    void stop() {
        guard.close();
        ringCentral.close();
    }

    Decision check(String token, Requirement requirement) {
        return guard.check(Caller.of(token), requirement, null, RequestMemo.create());
    }

    long callsToRingCentral() {
        return ringCentral.counters().calls(Endpoint.PERMISSION_CHECK)
                + ringCentral.counters().calls(Endpoint.FEATURES);
    }

    @Test
    void theBudgetIsReadFromTheHeaders_notAssumed() {
        guard(RateLimits.of(10, 8, Duration.ofSeconds(60), Duration.ofSeconds(60)), name -> null);

        assertThat(check(ALICE, MESSAGES).isGranted()).isTrue();
        Budget light = guard.economy().budget(USER, "Light");
        assertThat(light.limit()).isEqualTo(10);
        assertThat(light.remainingNow(clock.millis())).isEqualTo(9);
        // RingCentral's default of 50 would have allowed 5 calls at once; a limit of 10 allows the guard 5 a minute,
        // one at a time: the call just made, one more, then reuse.
        for (int i = 0; i < 10; i++) {
            assertThat(check(ALICE, MESSAGES).isGranted()).isTrue();
        }
        assertThat(callsToRingCentral()).isEqualTo(2);
        assertThat(guard.economy().reusedDecisions()).isEqualTo(9);
        assertThat(ringCentral.rateLimitUsage(ALICE, RateLimits.Group.LIGHT).remaining())
                .isEqualTo(8);
    }

    @Test
    void theBudgetIsTheUsers_notTheTokens() {
        guard();
        for (int i = 0; i < 10; i++) {
            assertThat(check(ALICE, MESSAGES).isGranted()).isTrue();
        }
        assertThat(callsToRingCentral()).isEqualTo(3); // 5 at once, less the 2 kept for checks with nothing to reuse

        for (int i = 0; i < 10; i++) { // the same user's other token: its first call is live, and charged to alice
            assertThat(check(ALICE_PHONE, MESSAGES).isGranted()).isTrue();
        }
        assertThat(callsToRingCentral()).isEqualTo(4);
        assertThat(guard.economy()
                        .budget(USER, "Light")
                        .tokensAt(clock.millis(), guard.economy().policy()))
                .isEqualTo(1.0);
        assertThat(ringCentral.rateLimitUsage(ALICE, RateLimits.Group.LIGHT).spent())
                .isEqualTo(4);

        assertThat(check(BOB, MESSAGES).isGranted()).isTrue(); // another user has a budget of their own
        assertThat(callsToRingCentral()).isEqualTo(5);
    }

    @Test
    void atTenRequestsASecond_theGuardStaysWithinItsShare_andTheApplicationsOwnCallsNeverMeetA429() {
        guard();
        Deque<Long> liveCalls = new ArrayDeque<>();
        int mostInOneMinute = 0;
        int refusedForTheApplication = 0;
        long start = clock.millis();
        for (int request = 0; request < 1_800; request++) { // 3 minutes
            long before = callsToRingCentral();
            Decision decision = check(ALICE, MESSAGES);
            assertThat(decision.isGranted())
                    .as("request %d: %s", request, decision)
                    .isTrue();
            if (callsToRingCentral() > before) {
                liveCalls.addLast(clock.millis());
                while (liveCalls.peekFirst() <= clock.millis() - 60_000) {
                    liveCalls.removeFirst();
                }
                mostInOneMinute = Math.max(mostInOneMinute, liveCalls.size());
            }
            if (request % 30 == 0) { // the application's own Light calls: 20 a minute
                refusedForTheApplication += 1 - ringCentral.spend(ALICE, RateLimits.Group.LIGHT, 1);
            }
            clock.advance(100);
        }

        assertThat(mostInOneMinute).as("the guard's calls in any minute").isLessThanOrEqualTo(25);
        assertThat(refusedForTheApplication).isZero();
        assertThat(guard.economy().rateLimitedAnswers()).isZero();
        assertThat(guard.economy().refusedForBudget()).isZero();
        assertThat(ringCentral.rateLimitUsage(ALICE, RateLimits.Group.LIGHT).inPenalty())
                .isFalse();
        assertThat(clock.millis() - start).isEqualTo(180_000);
    }

    @Test
    void belowTheBudget_everyRequestIsLive() {
        guard();
        for (int request = 0; request < 40; request++) { // one every 3 s for 2 minutes
            assertThat(check(ALICE, MESSAGES).isGranted()).isTrue();
            clock.advance(3_000);
        }
        assertThat(callsToRingCentral()).isEqualTo(40);
        assertThat(guard.economy().reusedDecisions()).isZero();
        RateLimitEconomy.CallTimes.Snapshot times = guard.economy().callTimes(); // each call timed, on the real clock
        assertThat(times.answered()).isEqualTo(40);
        assertThat(times.longest()).isPositive().isLessThanOrEqualTo(times.total());
        assertThat(times.mean()).isPositive().isLessThanOrEqualTo(times.longest());
    }

    @Test
    void aDecisionIsNeverReusedBeyondTheBound_andARevocationTakesEffectWithinIt() {
        // a limit of 4 a minute: the guard's share is 2, one call at a time, one regained a minute
        guard(RateLimits.of(4, 4, Duration.ofSeconds(60), Duration.ofSeconds(60)), name -> null);
        assertThat(check(ALICE, MESSAGES).isGranted()).isTrue();
        assertThat(check(ALICE, MESSAGES).isGranted()).isTrue();
        assertThat(callsToRingCentral()).isEqualTo(2);
        long decided = clock.millis();

        ringCentral.user(ALICE).revoke("ReadMessages");
        clock.advance(10_000);
        assertThat(check(ALICE, MESSAGES).isGranted())
                .as("10 s old: still within the bound")
                .isTrue();

        clock.advance(1);
        Decision tooOld = check(ALICE, MESSAGES);
        assertThat(tooOld.isGranted()).isFalse();
        assertThat(tooOld.reason().code()).isEqualTo("BudgetSpent");
        assertThat(tooOld.retryAfter()).isEqualTo(Duration.ofMillis(60_000 - (clock.millis() - decided)));
        assertThat(callsToRingCentral()).isEqualTo(2);

        clock.advance(tooOld.retryAfter().toMillis());
        Decision live = check(ALICE, MESSAGES);
        assertThat(live.outcome()).isEqualTo(Outcome.DENIED);
        assertThat(callsToRingCentral()).isEqualTo(3);
        assertThat(guard.economy().rateLimitedAnswers()).isZero();
    }

    @Test
    void strictMode_neverReusesADecision_andNeverCausesA429() {
        guard(
                RateLimits.of(4, 4, Duration.ofSeconds(60), Duration.ofSeconds(60)),
                name -> name.equals(GuardConfig.MAX_DECISION_AGE_MS) ? "0" : null);
        assertThat(check(ALICE, MESSAGES).isGranted()).isTrue();
        assertThat(check(ALICE, MESSAGES).isGranted()).isTrue();

        for (int i = 0; i < 20; i++) {
            Decision refused = check(ALICE, MESSAGES);
            assertThat(refused.outcome()).isEqualTo(Outcome.UNAVAILABLE);
            assertThat(refused.reason().code()).isEqualTo("BudgetSpent");
            assertThat(refused.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(60));
            clock.advance(1_000);
        }
        assertThat(callsToRingCentral()).isEqualTo(2);
        assertThat(guard.economy().reusedDecisions()).isZero();
        assertThat(guard.economy().rateLimitedAnswers()).isZero();
        assertThat(ringCentral.rateLimitUsage(ALICE, RateLimits.Group.LIGHT).inPenalty())
                .isFalse();
    }

    @Test
    void afterA429_nothingIsSentForThatUserAndGroupUntilRetryAfter_soThePenaltyIsNeverRestarted() {
        guard();
        assertThat(ringCentral.spend(ALICE, RateLimits.Group.LIGHT, 50)).isEqualTo(50); // the application spent it all
        Decision first = check(ALICE, MESSAGES); // the guard could not know: RingCentral answers 429
        assertThat(first.isRateLimited()).isTrue();
        assertThat(guard.economy().rateLimitedAnswers()).isEqualTo(1);
        Instant penaltyEnds = ringCentral
                .rateLimitUsage(ALICE, RateLimits.Group.LIGHT)
                .penaltyEnds()
                .orElseThrow();
        long calls = callsToRingCentral();

        for (int i = 0; i < 59; i++) {
            clock.advance(1_000);
            Decision held = check(ALICE, Requirement.permissions(Logical.ALL, "ReadCallLog"));
            assertThat(held.reason().code()).isEqualTo("CMN-301");
            assertThat(held.retryAfter()).isEqualTo(Duration.ofSeconds(59 - i));
        }
        assertThat(callsToRingCentral()).isEqualTo(calls);
        assertThat(ringCentral.rateLimitUsage(ALICE, RateLimits.Group.LIGHT).penaltyEnds())
                .as("never restarted")
                .contains(penaltyEnds);
        assertThat(check(ALICE, Requirement.features(Logical.ALL, "SMSSending")).isGranted())
                .as("another group is not held back")
                .isTrue();
        assertThat(check(BOB, MESSAGES).isGranted()).as("nor another user").isTrue();

        clock.advance(1_000);
        assertThat(check(ALICE, MESSAGES).isGranted()).isTrue();
        assertThat(guard.economy().rateLimitedAnswers()).isEqualTo(1);
    }

    @Test
    void onceRingCentralRejectsAToken_nothingIsReusedForIt() {
        guard();
        for (int i = 0; i < 4; i++) {
            assertThat(check(ALICE, MESSAGES).isGranted()).isTrue();
        }
        ringCentral.expireToken(ALICE);
        // Like a revoked permission, an expired token may be served its user's decision within the bound until a
        // live call shows it: the next call affordable to a check that could reuse is 3 s away.
        clock.advance(3_000);

        assertThat(check(ALICE, MESSAGES).outcome()).isEqualTo(Outcome.UNAUTHENTICATED);
        for (int i = 0; i < 10; i++) {
            Decision after = check(ALICE, MESSAGES);
            assertThat(after.isGranted())
                    .as("check %d after the rejection: %s", i, after)
                    .isFalse();
        }
        assertThat(check(ALICE_PHONE, MESSAGES).isGranted())
                .as("the user's other token")
                .isTrue();
    }

    @Test
    void aTokensUserIsRememberedTenMinutes_renewedByALiveAnswerAtMostOnceAMinute() {
        guard();
        long calls = callsToRingCentral();
        assertThat(check(ALICE, MESSAGES).isGranted()).isTrue(); // learned: remembered until 10 minutes from now
        clock.advance(30_000);
        assertThat(check(ALICE, MESSAGES).isGranted()).isTrue(); // live, names alice: too soon to renew
        clock.advance(31_000);
        assertThat(check(BOB, MESSAGES).isGranted()).isTrue();
        clock.advance(30_000);
        assertThat(check(BOB, MESSAGES).isGranted()).isTrue(); // 30 s after bob's was learned: not renewed
        clock.advance(31_000);
        assertThat(check(BOB, MESSAGES).isGranted()).isTrue(); // 61 s after: renewed for 10 minutes from now
        assertThat(callsToRingCentral()).as("every check live").isEqualTo(calls + 5);

        clock.advance(600_000 - 122_000 + 61_000 + 1); // 10 minutes after either was learned
        assertThat(guard.economy().userOf(Caller.of(ALICE))).isNull();
        assertThat(guard.economy().userOf(Caller.of(BOB))).isEqualTo("400100/400102");
        clock.advance(61_000); // 10 minutes after bob's was renewed
        assertThat(guard.economy().userOf(Caller.of(BOB))).isNull();
    }

    @Test
    void stateIsForgottenWithItsWindow() {
        guard();
        for (int user = 0; user < 50; user++) {
            String token = "user-" + user;
            int n = user;
            ringCentral.addUser(u -> u.token(token)
                    .accountId("500100")
                    .extensionId(Integer.toString(600_000 + n))
                    .grant("ReadMessages"));
            assertThat(check(token, MESSAGES).isGranted()).isTrue();
        }
        // per user: whose the token is, the budget its first call was admitted on, the user's budget, the decision
        assertThat(guard.economy().entries()).isEqualTo(200);

        clock.advance(600_001); // a token's user is remembered for 10 minutes; budgets and decisions for less
        // the sweep is spread over the calls: each admission looks at one entry of the users and decisions and two of
        // the budgets, so 120 checks look at more than the rest of a walk begun before and a whole walk over each map
        for (int i = 0; i < 120; i++) {
            check(BOB, MESSAGES);
        }
        assertThat(guard.economy().entries()).isEqualTo(4); // bob's, just made
    }

    @Test
    void forgetAll_decidesTheNextCheckAsAGuardJustStarted_penaltyReuseAndUsersForgotten() {
        guard();
        for (int i = 0; i < 10; i++) {
            check(ALICE, MESSAGES);
        }
        assertThat(guard.economy().reusedDecisions()).isPositive();
        ringCentral.spend(BOB, RateLimits.Group.LIGHT, 50);
        assertThat(check(BOB, MESSAGES).isRateLimited()).isTrue(); // held back for 60 s from now on
        ringCentral.resetRateLimits(); // RingCentral forgot the penalty; the guard still holds bob back
        assertThat(check(BOB, MESSAGES).reason().code()).isEqualTo("CMN-301");
        long calls = callsToRingCentral();

        guard.economy().forgetAll();

        assertThat(guard.economy().entries()).isZero();
        assertThat(guard.economy().userOf(Caller.of(ALICE))).isNull();
        assertThat(guard.economy().budget(USER, "Light")).isNull();
        assertThat(check(BOB, MESSAGES).isGranted()).isTrue();
        ringCentral.user(ALICE).revoke("ReadMessages");
        assertThat(check(ALICE, MESSAGES).outcome()).as("live, not reused").isEqualTo(Outcome.DENIED);
        assertThat(callsToRingCentral()).isEqualTo(calls + 2);
    }
}
