package dev.rcguard.servers.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rcguard.servers.support.ThreadDump.ServerThread;
import org.junit.jupiter.api.Test;

/** The thread check reads jcmd's dump right: names, ids, and which threads are the library's. */
class ThreadDumpTest {

    private static final String DUMP = """
            2026-11-29 03:01:39
            Full thread dump OpenJDK 64-Bit Server VM (17.0.15+6-Debian-1deb12u1 mixed mode, sharing):

            "main" #1 prio=5 os_prio=0 cpu=1.00ms elapsed=9.00s tid=0x0001 nid=0x2 waiting on condition  [0x0]
               java.lang.Thread.State: WAITING (parking)

            "Connection evictor" #32 daemon prio=5 os_prio=0 cpu=0.10ms elapsed=8.00s tid=0x0002 nid=0x3 sleeping
               java.lang.Thread.State: TIMED_WAITING (sleeping)

            "rcguard-client-1" #34 daemon prio=5 os_prio=0 cpu=5.00ms elapsed=7.00s tid=0x0003 nid=0x4 waiting
               java.lang.Thread.State: TIMED_WAITING (parking)
            """;

    @Test
    void readsNamesAndIds_andTellsTheLibrarysThreads() {
        ThreadDump dump = ThreadDump.parse(DUMP);

        assertThat(dump.threads())
                .containsExactly(
                        new ServerThread("main", 1),
                        new ServerThread("Connection evictor", 32),
                        new ServerThread("rcguard-client-1", 34));
        assertThat(dump.matching(ServerThread::isLibraryThread))
                .extracting(ServerThread::id)
                .containsExactly(32L, 34L);
    }

    @Test
    void anEndedThreadIsNoLongerAlive() {
        ThreadDump later = ThreadDump.parse(DUMP.replace("\"rcguard-client-1\" #34", "\"rcguard-client-1\" #40"));

        assertThat(later.stillAlive(ThreadDump.parse(DUMP).matching(ServerThread::isLibraryThread)))
                .containsExactly(new ServerThread("Connection evictor", 32));
    }
}
