package dev.rcguard.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** Which thread runs a check's calls: the first on the thread that waits, the others on the pool, at once. */
class CallingThreadTest {

    final List<Runnable> pool = new ArrayList<>();
    final Executor calls = CallingThread.firstOnWaitingThread(pool::add);
    final List<String> ranOn = new ArrayList<>();

    Runnable call(String name) {
        return () -> ranOn.add(name + " on " + Thread.currentThread().getName());
    }

    @Test
    void theFirstCallRunsOnTheWaitingThread_theOthersGoToThePoolAtOnce() {
        String me = Thread.currentThread().getName();
        try (CallingThread waiting = CallingThread.willWait()) {
            calls.execute(call("first"));
            calls.execute(call("second"));
            calls.execute(call("third"));

            assertThat(pool).hasSize(2); // handed to the pool when made, so they run concurrently with the first
            assertThat(ranOn).isEmpty();
            waiting.runHandedOver();
            assertThat(ranOn).containsExactly("first on " + me);
        }
        calls.execute(call("after"));
        assertThat(pool).hasSize(3);
    }

    @Test
    void withoutAWaitingThread_everyCallGoesToThePool() {
        calls.execute(call("alone"));

        assertThat(pool).hasSize(1);
        assertThat(ranOn).isEmpty();
    }

    @Test
    void aCallHandedOverIsNeverDropped_closingRunsIt() {
        try (CallingThread waiting = CallingThread.willWait()) {
            calls.execute(call("first"));
        }

        assertThat(ranOn).containsExactly("first on " + Thread.currentThread().getName());
        assertThat(pool).isEmpty();
    }

    @Test
    void aCheckWithinACheck_takesItsOwnFirstCall_andTheOuterOneIsRestored() {
        try (CallingThread outer = CallingThread.willWait()) {
            try (CallingThread inner = CallingThread.willWait()) {
                calls.execute(call("inner"));
                inner.runHandedOver();
            }
            calls.execute(call("outer"));
            outer.runHandedOver();
        }

        String me = Thread.currentThread().getName();
        assertThat(ranOn).containsExactly("inner on " + me, "outer on " + me);
        assertThat(pool).isEmpty();
    }
}
