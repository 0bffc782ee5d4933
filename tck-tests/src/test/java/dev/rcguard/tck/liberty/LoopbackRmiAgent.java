package dev.rcguard.tck.liberty;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.rmi.server.RMISocketFactory;

/**
 * A Java agent for the Liberty servers of {@code -Pliberty}: every RMI server socket of that JVM listens on
 * 127.0.0.1. The Arquillian adapter reaches Liberty over the JDK's local JMX connector (feature
 * {@code localConnector-1.0}), an RMI server that otherwise listens on all interfaces (and refuses remote peers only
 * once it has accepted them). With {@code com.sun.management.jmxremote.local.only=false} (liberty/usr/shared/
 * jmx-management.properties, given as {@code -Dcom.sun.management.config.file}) that connector uses this factory.
 */
public final class LoopbackRmiAgent {

    private LoopbackRmiAgent() {}

    public static void premain(String args) throws IOException {
        RMISocketFactory.setSocketFactory(new Loopback());
    }

    static final class Loopback extends RMISocketFactory {

        private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return new Socket(host, port);
        }

        @Override
        public ServerSocket createServerSocket(int port) throws IOException {
            return new ServerSocket(port, 50, LOOPBACK);
        }
    }
}
