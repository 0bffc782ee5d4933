package dev.rcguard.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rcguard.Decision;
import dev.rcguard.Decision.Outcome;
import dev.rcguard.Logical;
import dev.rcguard.TokenSource;
import dev.rcguard.simulator.Endpoint;
import dev.rcguard.simulator.Fault;
import dev.rcguard.simulator.RateLimits;
import dev.rcguard.simulator.RingCentralSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The engine against the simulator over real HTTP: what reaches RingCentral, and when. */
class PermissionGuardTest {

    static final String ALICE = "alice-token";
    static final String BOB = "bob-token";

    RingCentralSimulator ringCentral;
    PermissionGuard guard;

    PermissionGuard guard(RateLimits limits, boolean coalesce) {
        ringCentral = RingCentralSimulator.builder()
                .rateLimits(limits)
                .user(u -> u.token(ALICE)
                        .grant("ReadMessages")
                        .grant("ReadCallLog")
                        .grant("ReadUserInfo")
                        .grant("ReadPresenceStatus")
                        .feature("SMSSending", true)
                        .feature("FaxSending", true)
                        .unavailable(
                                "InboundCnam",
                                "ServicePlanLimitation",
                                "The feature is unavailable for the current service plan"))
                .user(u -> u.token(BOB).extensionId("200200").grant("ReadMessages"))
                .start();
        GuardConfig config = GuardConfig.load(name -> switch (name) {
                    case GuardConfig.COALESCE_IN_FLIGHT -> Boolean.toString(coalesce);
                    case GuardConfig.READ_TIMEOUT_MS -> "10000";
                    default -> null;
                })
                .withServerUrl(ringCentral.baseUri());
        guard = PermissionGuard.create(config);
        return guard;
    }

    PermissionGuard guard() {
        return guard(RateLimits.disabled(), true);
    }

    @AfterEach
    void stop() {
        guard.close();
        ringCentral.close();
    }

    Decision check(PermissionGuard guard, String token, Requirement requirement) {
        return guard.check(Caller.of(token), requirement, null, RequestMemo.create());
    }

    @Test
    void checksSeveralPermissionsConcurrently_forTheLatencyOfOneCall() {
        PermissionGuard guard = guard();
        ringCentral.defaultLatency(Duration.ofMillis(1_000));
        Requirement four = Requirement.permissions(
                Logical.ALL, "ReadMessages", "ReadCallLog", "ReadUserInfo", "ReadPresenceStatus");

        long start = System.nanoTime();
        Decision decision = check(guard, ALICE, four);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(decision.isGranted()).isTrue();
        assertThat(ringCentral.counters().calls(Endpoint.PERMISSION_CHECK)).isEqualTo(4);
        // One after another would take at least 4 s; together they take one round trip (plus a busy machine's slack).
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(1_000)).isLessThan(Duration.ofMillis(3_500));
    }

    @Test
    void asksAllFeaturesOfARequirementInOneCall() {
        PermissionGuard guard = guard();
        Decision decision =
                check(guard, ALICE, Requirement.features(Logical.ALL, "SMSSending", "FaxSending", "InboundCnam"));

        assertThat(decision.outcome()).isEqualTo(Outcome.DENIED);
        assertThat(decision.id()).isEqualTo("InboundCnam");
        assertThat(decision.reason().code()).isEqualTo("ServicePlanLimitation");
        assertThat(ringCentral.counters().calls(Endpoint.FEATURES)).isEqualTo(1);
    }

    @Test
    void anyIsGrantedByOneGrantedId() {
        PermissionGuard guard = guard();
        assertThat(check(guard, ALICE, Requirement.permissions(Logical.ANY, "UserManagement", "ReadMessages"))
                        .isGranted())
                .isTrue();
        assertThat(check(guard, ALICE, Requirement.permissions(Logical.ALL, "UserManagement", "ReadMessages"))
                        .id())
                .isEqualTo("UserManagement");
    }

    @Test
    void permissionsAndFeaturesMustBothHold() {
        PermissionGuard guard = guard();
        Requirement both = new Requirement(
                new Requirement.Rule(List.of("ReadMessages"), Logical.ALL),
                new Requirement.Rule(List.of("InboundCnam"), Logical.ALL),
                null);
        Decision decision = check(guard, ALICE, both);
        assertThat(decision.outcome()).isEqualTo(Outcome.DENIED);
        assertThat(decision.kind()).isEqualTo(Decision.Kind.FEATURE);
    }

    @Test
    void anIdAskedTwiceInOneRequestCostsOneCall() {
        PermissionGuard guard = guard();
        RequestMemo oneRequest = RequestMemo.create();
        Caller alice = Caller.of(ALICE);
        Requirement messages = Requirement.permissions(Logical.ALL, "ReadMessages");
        Requirement features = Requirement.features(Logical.ALL, "SMSSending", "FaxSending");

        for (int adapter = 0; adapter < 3; adapter++) {
            assertThat(guard.check(alice, messages, null, oneRequest).isGranted())
                    .isTrue();
            assertThat(guard.check(alice, features, null, oneRequest).isGranted())
                    .isTrue();
        }
        assertThat(ringCentral.counters().calls(ALICE, "ReadMessages")).isEqualTo(1);
        assertThat(ringCentral.counters().calls(Endpoint.FEATURES)).isEqualTo(1);

        guard.check(alice, messages, null, RequestMemo.create());
        assertThat(ringCentral.counters().calls(ALICE, "ReadMessages")).isEqualTo(2); // the next request asks again
    }

    @Test
    void coalescesFiftyConcurrentIdenticalChecksIntoFarFewerCalls() throws Exception {
        PermissionGuard guard = guard();
        ringCentral.defaultLatency(Duration.ofMillis(1_000));
        List<Decision> decisions =
                concurrently(50, () -> check(guard, ALICE, Requirement.permissions(Logical.ALL, "ReadMessages")));

        assertThat(decisions).hasSize(50).allMatch(Decision::isGranted);
        assertThat(ringCentral.counters().calls(ALICE, "ReadMessages")).isLessThanOrEqualTo(5);
        assertThat(guard.callsInFlight()).isZero(); // nothing is kept once the call has returned
    }

    @Test
    void withoutCoalescingEveryCheckIsItsOwnCall() throws Exception {
        PermissionGuard guard = guard(RateLimits.disabled(), false);
        // answered late, so that all five are under way before an answer names the token's user: a check that came
        // after one would be admitted on the user's budget instead, which the first answers have already charged
        ringCentral.inject(Endpoint.PERMISSION_CHECK, Fault.latencyMillis(1000));
        // five: what a user's budget affords at once (RateLimitEconomyTest)
        List<Decision> decisions =
                concurrently(5, () -> check(guard, ALICE, Requirement.permissions(Logical.ALL, "ReadMessages")));

        assertThat(decisions).hasSize(5).allMatch(Decision::isGranted);
        assertThat(ringCentral.counters().calls(ALICE, "ReadMessages")).isEqualTo(5);
    }

    @Test
    void aRevokedPermissionIsDeniedOnTheVeryNextCheck() {
        PermissionGuard guard = guard();
        Requirement messages = Requirement.permissions(Logical.ALL, "ReadMessages");
        assertThat(check(guard, ALICE, messages).isGranted()).isTrue();

        ringCentral.user(ALICE).revoke("ReadMessages");

        assertThat(check(guard, ALICE, messages).outcome()).isEqualTo(Outcome.DENIED);
        assertThat(ringCentral.counters().calls(ALICE, "ReadMessages")).isEqualTo(2);
    }

    @Test
    void withoutATokenNothingIsSent() {
        PermissionGuard guard = guard();
        Decision decision =
                guard.check(null, Requirement.permissions(Logical.ALL, "ReadMessages"), null, RequestMemo.create());
        assertThat(decision).isEqualTo(Decision.missingToken());
        assertThat(ringCentral.counters().total()).isZero();
    }

    @Test
    void sendsTheTargetExtension() {
        PermissionGuard guard = guard();
        Decision decision = guard.check(
                Caller.of(ALICE), Requirement.permissions(Logical.ALL, "ReadMessages"), "~", RequestMemo.create());
        assertThat(decision.isGranted()).isTrue();
    }

    @Test
    void aCancelledCheckLeavesTheRequestsAnswerIntact() {
        PermissionGuard guard = guard();
        RequestMemo oneRequest = RequestMemo.create();
        Requirement messages = Requirement.permissions(Logical.ALL, "ReadMessages");

        guard.checkAsync(Caller.of(ALICE), messages, null, oneRequest).cancel(true);

        assertThat(guard.check(Caller.of(ALICE), messages, null, oneRequest).isGranted())
                .isTrue();
        assertThat(ringCentral.counters().calls(ALICE, "ReadMessages")).isEqualTo(1);
    }

    @Test
    void enforce_refusesAMalformedTargetWithoutAskingRingCentral() {
        PermissionGuard guard = guard();
        Requirement onTarget =
                new Requirement(new Requirement.Rule(List.of("ReadMessages"), Logical.ALL), null, "extensionId");

        Verdict verdict = guard.enforce(
                "GET /x", onTarget, Caller.of(ALICE), "12a", RequestMemo.create(), GuardConfig.Mode.ENFORCE);

        assertThat(verdict.proceeds()).isFalse();
        assertThat(verdict.decision().outcome()).isEqualTo(Outcome.DENIED);
        assertThat(verdict.decision().id()).isEqualTo("ReadMessages");
        assertThat(verdict.decision().reason().code()).isEqualTo("CMN-101");
        assertThat(ringCentral.counters().total()).isZero();
    }

    @Test
    void enforce_withoutATokenIsUnauthenticatedWhateverTheTarget() {
        PermissionGuard guard = guard();
        Requirement onTarget =
                new Requirement(new Requirement.Rule(List.of("ReadMessages"), Logical.ALL), null, "extensionId");

        Verdict verdict =
                guard.enforce("GET /x", onTarget, null, "12a", RequestMemo.create(), GuardConfig.Mode.ENFORCE);

        assertThat(verdict.decision()).isEqualTo(Decision.missingToken());
        assertThat(verdict.proceeds()).isFalse();
    }

    @Test
    void enforce_inReportOnlyModeLetsARefusalThroughAndKeepsTheDecision() {
        PermissionGuard guard = guard();

        Verdict verdict = guard.enforce(
                "GET /x",
                Requirement.permissions(Logical.ALL, "UserManagement"),
                Caller.of(ALICE),
                null,
                RequestMemo.create(),
                GuardConfig.Mode.REPORT_ONLY);

        assertThat(verdict.proceeds()).isTrue();
        assertThat(verdict.enforced()).isFalse();
        assertThat(verdict.decision().outcome()).isEqualTo(Outcome.DENIED);
    }

    @Test
    void enforce_aRequirementGrantedInThisRequestForTheSameTargetIsNotCheckedAgain_butAnotherTargetIs() {
        PermissionGuard guard = guard();
        RequestMemo oneRequest = RequestMemo.create();
        Requirement onTarget =
                new Requirement(new Requirement.Rule(List.of("ReadMessages"), Logical.ALL), null, "extensionId");
        Caller alice = Caller.of(ALICE);

        Verdict first = guard.enforce("GET /a", onTarget, alice, "~", oneRequest, GuardConfig.Mode.ENFORCE);
        Verdict again = guard.enforce("GET /a", onTarget, alice, "~", oneRequest, GuardConfig.Mode.ENFORCE);
        Verdict other = guard.enforce("GET /a", onTarget, alice, "300300", oneRequest, GuardConfig.Mode.ENFORCE);

        assertThat(first.alreadyGranted()).isFalse();
        assertThat(first.proceeds()).isTrue();
        assertThat(again.alreadyGranted()).isTrue();
        assertThat(again.proceeds()).isTrue();
        assertThat(other.alreadyGranted()).isFalse();
        assertThat(ringCentral.counters().calls(ALICE, "ReadMessages")).isEqualTo(2);
    }

    @Test
    void aClosedGuardFailsClosed() {
        PermissionGuard guard = guard();
        guard.close();

        Decision decision = check(guard, ALICE, Requirement.permissions(Logical.ALL, "ReadMessages"));

        assertThat(decision.outcome()).isEqualTo(Outcome.UNAVAILABLE);
        assertThat(ringCentral.counters().total()).isZero();
    }

    @Test
    void aCheckThatOutlivesItsDeadlineFailsClosed() {
        PermissionGuard guard = guard();
        ringCentral.inject(Endpoint.PERMISSION_CHECK, Fault.slowBody(Duration.ofMillis(400)));
        Decision decision = check(guard, ALICE, Requirement.permissions(Logical.ALL, "ReadMessages"));
        assertThat(decision.isGranted()).isFalse();
    }

    static List<Decision> concurrently(int callers, java.util.concurrent.Callable<Decision> check) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            CountDownLatch ready = new CountDownLatch(callers);
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<Decision>> futures = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                futures.add(CompletableFuture.supplyAsync(
                        () -> {
                            ready.countDown();
                            try {
                                go.await();
                                return check.call();
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        },
                        pool));
            }
            ready.await();
            go.countDown();
            return futures.stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theCallerComesFromTheApplicationsTokenSource_andAMalformedOrFailingOneIsNoToken() {
        PermissionGuard guard = guard();
        TokenSource.Request withHeader = TokenSource.Request.of(
                name -> name.equals("Authorization") ? "Bearer " + ALICE : null, n -> null, n -> null);
        assertThat(guard.caller(withHeader)).isEqualTo(Caller.of(ALICE));

        assertThat(guard.caller(request -> "not a token!", withHeader)).isNull();
        assertThat(guard.caller(
                        request -> {
                            throw new IllegalStateException("the application's source broke");
                        },
                        withHeader))
                .isNull();
        assertThat(ringCentral.counters().total()).isZero();
    }
}
