package dev.rcguard.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimitGateTest {

    final AtomicLong now = new AtomicLong();
    final RateLimitGate gate = new RateLimitGate(now::get);

    @Test
    void holdsATokenBackForItsRetryAfter() {
        gate.holdBack("a", Duration.ofSeconds(10));
        assertThat(gate.remaining("a")).isEqualTo(Duration.ofSeconds(10));
        assertThat(gate.remaining("b")).isZero();

        now.addAndGet(Duration.ofSeconds(4).toNanos());
        assertThat(gate.remaining("a")).isEqualTo(Duration.ofSeconds(6));

        now.addAndGet(Duration.ofSeconds(6).toNanos());
        assertThat(gate.remaining("a")).isZero();
        assertThat(gate.size()).isZero(); // an expired window is forgotten when asked about
    }

    @Test
    void aShorterRetryAfterNeverShortensTheHold() {
        gate.holdBack("a", Duration.ofSeconds(10));
        gate.holdBack("a", Duration.ofSeconds(1));
        assertThat(gate.remaining("a")).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void memoryFollowsTheTokensHeldNow_notAllTokensEverSeen() {
        for (int round = 0; round < 10; round++) {
            for (int token = 0; token < 5_000; token++) {
                gate.holdBack(round + "-" + token, Duration.ofSeconds(1));
            }
            now.addAndGet(Duration.ofSeconds(2).toNanos()); // every window of this round expires, unasked
        }
        assertThat(gate.size()).isLessThanOrEqualTo(2 * 5_000 + 1);
    }

    @Test
    void anExpiredWindowIsForgottenByTheNextCheckOfAnyToken() {
        for (int token = 0; token < 100; token++) {
            gate.holdBack("held-" + token, Duration.ofSeconds(1));
        }
        now.addAndGet(Duration.ofMillis(1_200).toNanos());

        assertThat(gate.remaining("someone-else")).isZero();
        assertThat(gate.size()).isZero();
    }

    @Test
    void aWindowStillRunningSurvivesTheSweep() {
        gate.holdBack("short", Duration.ofSeconds(1));
        gate.holdBack("long", Duration.ofSeconds(30));
        now.addAndGet(Duration.ofSeconds(2).toNanos());

        assertThat(gate.remaining("someone-else")).isZero();
        assertThat(gate.size()).isEqualTo(1);
        assertThat(gate.remaining("long")).isEqualTo(Duration.ofSeconds(28));
    }
}
