package dev.rcguard.servers.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The TCP sockets a process listens on, read from Linux's {@code /proc}: the socket inodes among the process's file
 * descriptors, looked up in {@code /proc/net/tcp} and {@code tcp6} (state {@code 0A} = LISTEN).
 */
final class Listeners {

    private static final String LISTEN = "0A";

    private Listeners() {}

    /** {@code address:port} of every listening socket of {@code pid} that is not on a loopback address. */
    static List<String> nonLoopback(long pid) {
        return of(pid).stream()
                .filter(socket -> !socket.getAddress().isLoopbackAddress())
                .map(socket -> socket.getAddress().getHostAddress() + ":" + socket.getPort())
                .toList();
    }

    /** Every listening TCP socket of {@code pid}. */
    static List<InetSocketAddress> of(long pid) {
        Set<String> inodes = socketInodes(pid);
        List<InetSocketAddress> found = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String line : lines(Path.of(table))) {
                String[] columns = line.trim().split("\\s+");
                if (columns.length > 9 && LISTEN.equals(columns[3]) && inodes.contains(columns[9])) {
                    found.add(parse(columns[1]));
                }
            }
        }
        return found;
    }

    /**
     * {@code 0100007F:1F90} → 127.0.0.1:8080. The kernel writes each 32-bit word of the address in host
     * (little-endian) order; an IPv4-mapped IPv6 address comes back as IPv4.
     */
    static InetSocketAddress parse(String hexAddressAndPort) {
        String hex = hexAddressAndPort.substring(0, hexAddressAndPort.indexOf(':'));
        int port = Integer.parseInt(hexAddressAndPort.substring(hex.length() + 1), 16);
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int i = 0; i < 4; i++) {
                int from = (word * 4 + (3 - i)) * 2;
                bytes[word * 4 + i] = (byte) Integer.parseInt(hex.substring(from, from + 2), 16);
            }
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(bytes), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("Not an address: " + hexAddressAndPort, e);
        }
    }

    private static Set<String> socketInodes(long pid) {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            fds.forEach(fd -> {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor was closed between listing and reading: not a listener
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return inodes;
    }

    private static List<String> lines(Path table) {
        try {
            return Files.readAllLines(table).stream().skip(1).toList();
        } catch (NoSuchFileException noIpv6) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
