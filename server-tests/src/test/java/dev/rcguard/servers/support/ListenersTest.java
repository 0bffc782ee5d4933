package dev.rcguard.servers.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** The loopback check reads /proc right: it is what tells a server held to 127.0.0.1 from one that is not. */
class ListenersTest {

    @Test
    void findsThisJvmsLoopbackListener_andDoesNotCountItAsNonLoopback() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            long self = ProcessHandle.current().pid();

            assertThat(Listeners.of(self)).contains(new InetSocketAddress("127.0.0.1", socket.getLocalPort()));
            assertThat(Listeners.nonLoopback(self)).noneMatch(s -> s.endsWith(":" + socket.getLocalPort()));
        }
    }

    @Test
    void decodesTheKernelsAddresses() {
        assertThat(Listeners.parse("0100007F:1F90")).isEqualTo(new InetSocketAddress("127.0.0.1", 8080));
        assertThat(Listeners.parse("00000000:1AF4").getAddress().isAnyLocalAddress())
                .isTrue();
        assertThat(Listeners.parse("00000000000000000000000000000000:1AF4")
                        .getAddress()
                        .isAnyLocalAddress())
                .isTrue();
        assertThat(Listeners.parse("00000000000000000000000001000000:1AF4")
                        .getAddress()
                        .isLoopbackAddress())
                .as("::1")
                .isTrue();
        assertThat(Listeners.parse("0000000000000000FFFF00000100007F:1AF4")
                        .getAddress()
                        .isLoopbackAddress())
                .as("::ffff:127.0.0.1")
                .isTrue();
        assertThat(Listeners.parse("0000000000000000FFFF00000A00000A:1AF4")
                        .getAddress()
                        .isLoopbackAddress())
                .as("::ffff:10.0.0.10")
                .isFalse();
    }
}
