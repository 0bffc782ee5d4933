package dev.rcguard.demo.numbers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rcguard.Decision;
import dev.rcguard.Logical;
import dev.rcguard.PermissionCheckEvent;
import dev.rcguard.Reason;
import dev.rcguard.spi.Requirement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The numbers panel's arithmetic, from the guard's own event records: outcomes, calls needed, latency percentiles. */
class CheckNumbersTest {

    static final Requirement READ_MESSAGES = Requirement.permissions(Logical.ALL, "ReadMessages");
    static final Requirement SMS = Requirement.features(Logical.ALL, "SMSSending");
    static final Requirement REPORT = new Requirement(
            new Requirement.Rule(List.of("ReadCallLog"), Logical.ALL),
            new Requirement.Rule(List.of("ReadExtensionCallLog", "CallRecording"), Logical.ALL),
            null);
    static final Requirement CALL_LOG_OF =
            new Requirement(new Requirement.Rule(List.of("ReadCallLog"), Logical.ALL), null, "extensionId");
    static final Requirement TWO_PERMISSIONS = Requirement.permissions(Logical.ANY, "ReadMessages", "ReadCallLog");
    static final Reason INSUFFICIENT = new Reason("InsufficientPermissions", "Permission ReadMessages is not granted");

    static PermissionCheckEvent event(
            Requirement requirement,
            String accountId,
            String target,
            Decision decision,
            long micros,
            boolean enforced) {
        return new PermissionCheckEvent(
                "GET /messages",
                accountId,
                accountId,
                requirement,
                target,
                decision,
                Duration.ofNanos(micros * 1_000),
                enforced);
    }

    static PermissionCheckEvent granted(Requirement requirement, long micros) {
        return event(requirement, "~", null, Decision.granted(), micros, true);
    }

    @Test
    void theOutcomesAddUp_andReportOnlyRefusalsAreCountedApart() {
        CheckNumbers numbers = new CheckNumbers();

        numbers.record(granted(READ_MESSAGES, 800));
        numbers.record(event(
                READ_MESSAGES,
                "~",
                null,
                Decision.denied(Decision.Kind.PERMISSION, "ReadMessages", INSUFFICIENT),
                700,
                true));
        numbers.record(event(READ_MESSAGES, null, null, Decision.missingToken(), 5, true));
        numbers.record(
                event(READ_MESSAGES, "~", null, Decision.invalidToken(new Reason("OAU-128", "expired")), 600, true));
        numbers.record(
                event(READ_MESSAGES, "~", null, Decision.unavailable(new Reason("Timeout", "no answer")), 900, true));
        numbers.record(event(
                READ_MESSAGES,
                "~",
                null,
                Decision.denied(Decision.Kind.PERMISSION, "ReadMessages", INSUFFICIENT),
                650,
                false));
        numbers.record(event(READ_MESSAGES, "~", null, Decision.granted(), 20, false));

        CheckNumbers.Snapshot now = numbers.snapshot();
        assertThat(now.checks()).isEqualTo(7);
        assertThat(now.granted()).isEqualTo(2);
        assertThat(now.denied()).isEqualTo(2);
        assertThat(now.unauthenticated()).isEqualTo(2);
        assertThat(now.unavailable()).isEqualTo(1);
        assertThat(now.wouldRefuse()).isEqualTo(1); // report-only's denial; its grant is no refusal
        assertThat(now.callsNeeded()).isEqualTo(6); // each check with a token asks one permission
    }

    @Test
    void aCheckNeedsACallPerPermission_andOneForItsFeatures_noneWithoutATokenOrWithAMalformedTarget() {
        assertThat(CheckNumbers.callsNeeded(granted(READ_MESSAGES, 1))).isEqualTo(1);
        assertThat(CheckNumbers.callsNeeded(granted(TWO_PERMISSIONS, 1))).isEqualTo(2);
        assertThat(CheckNumbers.callsNeeded(granted(SMS, 1))).isEqualTo(1);
        assertThat(CheckNumbers.callsNeeded(granted(REPORT, 1))).isEqualTo(2); // two features, one call
        assertThat(CheckNumbers.callsNeeded(event(READ_MESSAGES, null, null, Decision.missingToken(), 1, true)))
                .isZero();
        assertThat(CheckNumbers.callsNeeded(event(CALL_LOG_OF, "~", "400100200302", Decision.granted(), 1, true)))
                .isEqualTo(1);
        assertThat(CheckNumbers.callsNeeded(event(CALL_LOG_OF, "~", "~", Decision.granted(), 1, true)))
                .isEqualTo(1);
        Decision invalidTarget = Decision.denied(
                Decision.Kind.PERMISSION, "ReadCallLog", new Reason("CMN-101", "Parameter value is invalid."));
        assertThat(CheckNumbers.callsNeeded(event(CALL_LOG_OF, "~", "bob", invalidTarget, 1, true)))
                .isZero();
        assertThat(CheckNumbers.callsNeeded(event(CALL_LOG_OF, "~", null, invalidTarget, 1, true)))
                .isZero();
    }

    @Test
    void theLatencyPercentilesAreNearestRank_inNanoseconds_zeroWithoutChecks() {
        CheckNumbers numbers = new CheckNumbers();
        assertThat(numbers.snapshot().latencyNanos()).isEmpty();
        assertThat(numbers.snapshot().latencyPercentile(50)).isZero();

        for (long ms = 20; ms >= 1; ms--) { // 20, 19, ..., 1 ms: the order they come in does not matter
            numbers.record(granted(READ_MESSAGES, ms * 1_000));
        }

        CheckNumbers.Snapshot now = numbers.snapshot();
        assertThat(now.latencyNanos()).hasSize(20);
        assertThat(now.latencyPercentile(50)).isEqualTo(10_000_000); // the 10th of 20
        assertThat(now.latencyPercentile(95)).isEqualTo(19_000_000); // the 19th
        assertThat(now.latencyPercentile(100)).isEqualTo(20_000_000);
    }

    @Test
    void theLatencyIsOfTheLatestThousandChecks() {
        CheckNumbers numbers = new CheckNumbers();
        for (int i = 0; i < CheckNumbers.LATENCY_WINDOW; i++) {
            numbers.record(granted(READ_MESSAGES, 50_000)); // 50 ms each, then forgotten
        }
        for (int i = 0; i < CheckNumbers.LATENCY_WINDOW; i++) {
            numbers.record(granted(READ_MESSAGES, 1));
        }

        CheckNumbers.Snapshot now = numbers.snapshot();
        assertThat(now.checks()).isEqualTo(2L * CheckNumbers.LATENCY_WINDOW);
        assertThat(now.latencyNanos()).hasSize(CheckNumbers.LATENCY_WINDOW);
        assertThat(now.latencyPercentile(100)).isEqualTo(1_000);
    }

    @Test
    void checksReportedFromManyThreadsAtOnce_areEachCountedOnce() throws Exception {
        CheckNumbers numbers = new CheckNumbers();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 5_000; i++) {
                        numbers.record(granted(REPORT, 10));
                        if (i % 100 == 0) {
                            numbers.snapshot(); // a reader meanwhile, as the page polls
                        }
                    }
                }));
            }
            for (Future<?> each : done) {
                each.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }

        CheckNumbers.Snapshot now = numbers.snapshot();
        assertThat(now.checks()).isEqualTo(20_000);
        assertThat(now.granted()).isEqualTo(20_000);
        assertThat(now.callsNeeded()).isEqualTo(40_000);
        assertThat(now.latencyNanos()).hasSize(CheckNumbers.LATENCY_WINDOW).containsOnly(10_000L);
    }
}
