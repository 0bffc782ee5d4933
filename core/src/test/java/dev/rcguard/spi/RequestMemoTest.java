package dev.rcguard.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rcguard.Decision;
import dev.rcguard.Decision.Kind;
import dev.rcguard.Logical;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RequestMemoTest {

    final RequestMemo memo = RequestMemo.create();
    final Caller alice = Caller.of("alice-token");

    @Test
    void anIdIsAskedOncePerRequest() {
        AtomicInteger asked = new AtomicInteger();

        memo.answer(alice, Kind.PERMISSION, "ReadMessages", null, f -> {
            asked.incrementAndGet();
            f.complete(Decision.granted());
        });
        CompletableFuture<Decision> second =
                memo.answer(alice, Kind.PERMISSION, "ReadMessages", null, f -> asked.incrementAndGet());

        assertThat(asked).hasValue(1);
        assertThat(second.join().isGranted()).isTrue();
    }

    @Test
    void anAskThatThrowsIsForgotten_soTheNextCheckAsksAgainInsteadOfWaiting() {
        assertThatThrownBy(() -> memo.answer(alice, Kind.PERMISSION, "ReadMessages", null, f -> {
                    throw new IllegalStateException("transport broke");
                }))
                .hasMessage("transport broke");

        CompletableFuture<Decision> next =
                memo.answer(alice, Kind.PERMISSION, "ReadMessages", null, f -> f.complete(Decision.granted()));

        assertThat(next).isCompletedWithValue(Decision.granted());
    }

    @Test
    void cancellingOnesViewCancelsNothingShared() {
        AtomicReference<CompletableFuture<Decision>> asked = new AtomicReference<>();
        CompletableFuture<Decision> mine = memo.answer(alice, Kind.FEATURE, "SMSSending", null, asked::set);

        mine.cancel(true);
        CompletableFuture<Decision> later = memo.answer(alice, Kind.FEATURE, "SMSSending", null, f -> {
            throw new AssertionError("asked twice in one request");
        });
        asked.get().complete(Decision.granted());

        assertThat(later).isCompletedWithValue(Decision.granted());
    }

    @Test
    void aGrantIsKeyedByRequirementCallerAndTarget() {
        Requirement messages = Requirement.permissions(Logical.ALL, "ReadMessages");
        memo.recordGrant(alice, messages, "~");

        assertThat(memo.wasGranted(alice, messages, "~")).isTrue();
        assertThat(memo.wasGranted(alice, messages, "101")).isFalse();
        assertThat(memo.wasGranted(Caller.of("bob-token"), messages, "~")).isFalse();
        assertThat(memo.wasGranted(alice, Requirement.permissions(Logical.ALL, "EditMessages"), "~"))
                .isFalse();
    }
}
