package dev.rcguard.servers.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
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
        Set<String> inodes = socketInodes(pid);
        List<String> found = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String line : lines(Path.of(table))) {
                String[] columns = line.trim().split("\\s+");
                if (columns.length < 10 || !LISTEN.equals(columns[3]) || !inodes.contains(columns[9])) {
                    continue;
                }
                InetAddress address = address(columns[1].substring(0, columns[1].indexOf(':')));
                int port = Integer.parseInt(columns[1].substring(columns[1].indexOf(':') + 1), 16);
                boolean loopback = address.isLoopbackAddress()
                        || (address.getAddress().length == 16 && isMappedLoopback(address.getAddress()));
                if (!loopback) {
                    found.add(address.getHostAddress() + ":" + port);
                }
            }
        }
        return found;
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

    /** /proc/net/tcp writes each 32-bit word of the address in host (little-endian) order. */
    private static InetAddress address(String hex) {
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int i = 0; i < 4; i++) {
                int from = (word * 4 + (3 - i)) * 2;
                bytes[word * 4 + i] = (byte) Integer.parseInt(hex.substring(from, from + 2), 16);
            }
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("Not an address: " + hex, e);
        }
    }

    /** {@code ::ffff:127.x.x.x} */
    private static boolean isMappedLoopback(byte[] ip6) {
        for (int i = 0; i < 10; i++) {
            if (ip6[i] != 0) {
                return false;
            }
        }
        return ip6[10] == (byte) 0xff && ip6[11] == (byte) 0xff && ip6[12] == 127;
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
