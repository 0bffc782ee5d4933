package dev.rcguard.benchmarks.cpu;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Which addresses a process listens on, from Linux's {@code /proc} (as {@code ss -ltnup} would show them): the
 * benchmark refuses to go on with a server that listens beyond 127.0.0.1.
 *
 * <pre>{@code
 * List<String> open = Sockets.listening(pid);   // e.g. [tcp 127.0.0.1:41234, tcp 127.0.0.1:6900]
 * }</pre>
 */
final class Sockets {

    private Sockets() {}

    /** A free port on 127.0.0.1 (free when asked; the caller binds it soon after). */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * The TCP sockets {@code pid} listens on and the UDP sockets it has bound, as {@code "tcp 127.0.0.1:8080"};
     * empty where {@code /proc} cannot be read (not Linux).
     */
    static List<String> listening(long pid) {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
            fds.forEach(fd -> {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            });
        } catch (IOException e) {
            return List.of();
        }
        List<String> open = new ArrayList<>();
        for (String table : List.of("tcp", "tcp6", "udp", "udp6")) {
            String state = table.startsWith("tcp") ? "0A" : "07"; // LISTEN; unconnected UDP
            List<String> rows;
            try {
                rows = Files.readAllLines(Path.of("/proc/net", table));
            } catch (IOException e) {
                continue;
            }
            for (String row : rows.subList(Math.min(1, rows.size()), rows.size())) {
                String[] f = row.trim().split("\\s+");
                if (f.length > 9 && f[3].equals(state) && inodes.contains(f[9])) {
                    open.add(table.replace("6", "") + " " + address(f[1]));
                }
            }
        }
        return open;
    }

    /** Whether every entry of {@link #listening(long)} is on a loopback address. */
    static boolean loopbackOnly(List<String> listening) {
        return listening.stream().allMatch(s -> s.contains(" 127.") || s.contains(" [::1]"));
    }

    /** {@code 0100007F:1F90} → {@code 127.0.0.1:8080}; IPv6 as {@code [::1]:8080}. */
    private static String address(String hex) {
        String[] parts = hex.split(":");
        String ip = parts[0];
        byte[] bytes = new byte[ip.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int b = 0; b < 4; b++) { // each 32-bit word is printed in host (little-endian) order
                int at = word * 8 + (3 - b) * 2;
                bytes[word * 4 + b] = (byte) Integer.parseInt(ip.substring(at, at + 2), 16);
            }
        }
        int port = Integer.parseInt(parts[1], 16);
        try {
            InetAddress address = InetAddress.getByAddress(bytes);
            String text = address.getHostAddress();
            return (text.contains(":") ? "[" + compact(text) + "]" : text) + ":" + port;
        } catch (UnknownHostException e) {
            return hex;
        }
    }

    private static String compact(String ipv6) {
        return ipv6.equals("0:0:0:0:0:0:0:1") ? "::1" : ipv6.equals("0:0:0:0:0:0:0:0") ? "::" : ipv6;
    }
}
