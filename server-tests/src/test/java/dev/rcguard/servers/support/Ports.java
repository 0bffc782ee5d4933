package dev.rcguard.servers.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** The fixed loopback ports of this module's servers must be free before a server starts. */
public final class Ports {

    private Ports() {}

    /**
     * Fails if something already answers on {@code 127.0.0.1:port}: a server left over from another run would be
     * mistaken for ours.
     */
    public static void assertFree(int... ports) {
        for (int port : ports) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                throw new IllegalStateException("127.0.0.1:" + port
                        + " is already in use; stop whatever listens there (ss -ltnp) and run again");
            } catch (IOException free) {
                // nothing listens there: good
            }
        }
    }
}
