package dev.rcguard.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rcguard.Decision;
import dev.rcguard.Decision.Kind;
import dev.rcguard.Logical;
import dev.rcguard.Reason;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class CombinationTest {

    static final Decision DENIED =
            Decision.denied(Kind.PERMISSION, "UserManagement", new Reason("InsufficientPermissions", "no"));
    static final Decision UNAVAILABLE = Decision.unavailable(new Reason("Timeout", "slow"));
    static final Decision REJECTED_TOKEN = Decision.invalidToken(new Reason("OAU-128", "expired"));

    @Test
    void anyStopsWaitingAtTheFirstGrant() {
        CompletableFuture<Decision> slow = new CompletableFuture<>();
        CompletableFuture<Decision> combined =
                Combination.of(Logical.ANY, List.of(slow, CompletableFuture.completedFuture(Decision.granted())));
        assertThat(combined).isCompletedWithValue(Decision.granted());
    }

    @Test
    void allStopsWaitingAtTheFirstDenial() {
        CompletableFuture<Decision> slow = new CompletableFuture<>();
        CompletableFuture<Decision> combined =
                Combination.of(Logical.ALL, List.of(slow, CompletableFuture.completedFuture(DENIED)));
        assertThat(combined).isCompletedWithValue(DENIED);
    }

    @Test
    void allWaitsForEveryGrant() {
        CompletableFuture<Decision> slow = new CompletableFuture<>();
        CompletableFuture<Decision> combined =
                Combination.of(Logical.ALL, List.of(slow, CompletableFuture.completedFuture(Decision.granted())));
        assertThat(combined).isNotDone();
        slow.complete(Decision.granted());
        assertThat(combined).isCompletedWithValue(Decision.granted());
    }

    @Test
    void anyPrefersUnavailableOverDenied_becauseTheUnansweredIdMightHaveBeenGranted() {
        assertThat(Combination.of(Logical.ANY, done(DENIED, UNAVAILABLE))).isCompletedWithValue(UNAVAILABLE);
    }

    @Test
    void allPrefersDeniedOverUnavailable_becauseTheDenialDecidesAnyway() {
        assertThat(Combination.of(Logical.ALL, done(UNAVAILABLE, DENIED))).isCompletedWithValue(DENIED);
    }

    @Test
    void aRejectedTokenOutranksEverythingUnderAny() {
        assertThat(Combination.of(Logical.ANY, done(DENIED, REJECTED_TOKEN, UNAVAILABLE)))
                .isCompletedWithValue(REJECTED_TOKEN);
    }

    @Test
    void aFailedFutureIsARefusal() {
        CompletableFuture<Decision> failed = CompletableFuture.failedFuture(new IllegalStateException("boom"));
        CompletableFuture<Decision> combined =
                Combination.of(Logical.ALL, List.of(failed, CompletableFuture.completedFuture(Decision.granted())));
        assertThat(combined.join().outcome()).isEqualTo(Decision.Outcome.UNAVAILABLE);
        assertThat(combined.join().reason().code()).isEqualTo("GuardError");
    }

    @Test
    void rateLimitedDecisionsKeepTheirRetryAfter() {
        Decision limited = Decision.rateLimited(new Reason("CMN-301", "Request rate exceeded"), Duration.ofSeconds(9));
        assertThat(Combination.of(Logical.ALL, done(Decision.granted(), limited)))
                .isCompletedWithValue(limited);
    }

    static List<CompletableFuture<Decision>> done(Decision... decisions) {
        return java.util.Arrays.stream(decisions)
                .map(CompletableFuture::completedFuture)
                .toList();
    }
}
