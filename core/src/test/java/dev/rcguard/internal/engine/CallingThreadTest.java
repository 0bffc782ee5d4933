package dev.rcguard.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which thread runs a check's calls, and in which order their halves run: every request out, then every answer. */
class CallingThreadTest {

    final List<CallingThread.Call> pool = new ArrayList<>();
    final List<String> ran = new ArrayList<>();

    CallingThread.Call call(String name) {
        return new CallingThread.Call() {
            @Override
            public void send() {
                ran.add("send " + name + " on " + Thread.currentThread().getName());
            }

            @Override
            public void receive() {
                ran.add("receive " + name + " on " + Thread.currentThread().getName());
            }
        };
    }

    void make(CallingThread.Call call) {
        if (!CallingThread.take(call)) {
            pool.add(call);
        }
    }

    @Test
    void theWaitingThreadSendsEveryCallOfItsCheck_thenReadsTheirAnswers() {
        String me = Thread.currentThread().getName();
        try (CallingThread waiting = CallingThread.willWait()) {
            make(call("first"));
            make(call("second"));
            make(call("third"));

            assertThat(ran).isEmpty(); // taken, run when the thread is ready to wait
            waiting.runTaken();
            assertThat(ran)
                    .containsExactly(
                            "send first on " + me,
                            "send second on " + me,
                            "send third on " + me,
                            "receive first on " + me,
                            "receive second on " + me,
                            "receive third on " + me);
            make(call("while waiting")); // made by an answer's continuation, say: not taken any more
        }
        make(call("after"));
        assertThat(pool).hasSize(2);
    }

    @Test
    void withoutAWaitingThread_everyCallGoesToThePool() {
        make(call("alone"));

        assertThat(pool).hasSize(1);
        assertThat(ran).isEmpty();
    }

    @Test
    void aCallTakenIsNeverDropped_closingRunsIt() {
        try (CallingThread waiting = CallingThread.willWait()) {
            make(call("first"));
        }

        String me = Thread.currentThread().getName();
        assertThat(ran).containsExactly("send first on " + me, "receive first on " + me);
        assertThat(pool).isEmpty();
    }

    @Test
    void aSendThatThrows_stillLetsEveryCallReceive() {
        List<String> received = new ArrayList<>();
        try (CallingThread waiting = CallingThread.willWait()) {
            for (String name : List.of("a", "b")) {
                CallingThread.take(new CallingThread.Call() {
                    @Override
                    public void send() {
                        throw new IllegalStateException("a bug in " + name);
                    }

                    @Override
                    public void receive() {
                        received.add(name);
                    }
                });
            }
            try {
                waiting.runTaken();
            } catch (IllegalStateException expected) {
                assertThat(expected).hasMessage("a bug in a");
            }
        }

        assertThat(received).containsExactly("a", "b"); // each call's receive ends it, sent or not
    }

    @Test
    void aCheckWithinACheck_takesItsOwnCalls_andTheOuterOneIsRestored() {
        try (CallingThread outer = CallingThread.willWait()) {
            try (CallingThread inner = CallingThread.willWait()) {
                make(call("inner"));
                inner.runTaken();
            }
            make(call("outer"));
            outer.runTaken();
        }

        String me = Thread.currentThread().getName();
        assertThat(ran)
                .containsExactly(
                        "send inner on " + me,
                        "receive inner on " + me,
                        "send outer on " + me,
                        "receive outer on " + me);
        assertThat(pool).isEmpty();
    }
}
