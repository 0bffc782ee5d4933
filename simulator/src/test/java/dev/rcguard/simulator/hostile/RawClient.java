package dev.rcguard.simulator.hostile;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A client on a raw socket: writes requests byte for byte and reads exactly what the stand-in wrote. */
final class RawClient implements Closeable {
    static final String CHECK = "/restapi/v1.0/account/~/extension/~/authz-profile/check?permissionId=";
    static final String FEATURES = "/restapi/v1.0/account/~/extension/~/features";

    /** Every read waits at most this long: a guard against hanging, never a timing assertion. */
    private static final int READ_TIMEOUT_MILLIS = 20_000;

    private final Socket socket;
    private final InputStream in;

    RawClient(HostileRingCentral rc) {
        try {
            socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", rc.port()), 10_000);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            socket.setTcpNoDelay(true);
            in = socket.getInputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String check(String permissionId) {
        return CHECK + permissionId;
    }

    static String features(List<String> ids) {
        return FEATURES + "?featureId=" + String.join("&featureId=", ids);
    }

    /** A GET request; {@code close} adds "Connection: close". */
    static String get(String target, String token, boolean close) {
        return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n"
                + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
                + (close ? "Connection: close\r\n" : "") + "\r\n";
    }

    RawClient send(String request) {
        try {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Everything until the stand-in closes the connection (a reset ends it too). */
    byte[] readToEof() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("No end of stream within " + READ_TIMEOUT_MILLIS + " ms; read " + out.size(), e);
        } catch (SocketException e) {
            // reset: what arrived before it is the answer
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Up to {@code max} bytes, or fewer if the connection ends first. */
    byte[] readUpTo(int max) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        try {
            while (out.size() < max) {
                int n = in.read(buffer, 0, Math.min(buffer.length, max - out.size()));
                if (n < 0) {
                    break;
                }
                out.write(buffer, 0, n);
            }
        } catch (SocketException e) {
            // reset
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Exactly {@code n} bytes. */
    byte[] readExactly(int n) {
        try {
            byte[] bytes = in.readNBytes(n);
            if (bytes.length != n) {
                throw new AssertionError("Connection ended after " + bytes.length + " of " + n + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What arrives within {@code window} (for kinds that stall), without waiting for the end. */
    byte[] readFor(Duration window) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long deadline = System.nanoTime() + window.toNanos();
        try {
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    break;
                }
                socket.setSoTimeout((int) left);
                int n;
                try {
                    n = in.read(buffer);
                } catch (SocketTimeoutException e) {
                    break;
                }
                if (n < 0) {
                    break;
                }
                out.write(buffer, 0, n);
            }
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        } catch (SocketException e) {
            // reset
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Bytes up to and including the first blank line (CRLF CRLF). */
    byte[] readResponseHead() {
        return readUntil("\r\n\r\n");
    }

    /** Bytes until {@code marker} (ISO-8859-1) has arrived, inclusive; fails if the connection ends first. */
    byte[] readUntil(String marker) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] m = marker.getBytes(StandardCharsets.ISO_8859_1);
        try {
            while (true) {
                int b = in.read();
                if (b < 0) {
                    throw new AssertionError("Connection ended before " + marker + ": " + text(out.toByteArray()));
                }
                out.write(b);
                byte[] bytes = out.toByteArray();
                if (bytes.length >= m.length
                        && Arrays.equals(bytes, bytes.length - m.length, bytes.length, m, 0, m.length)) {
                    return bytes;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^content-length: *([0-9]+)\r?$");

    /** One response framed by its Content-Length (for well-formed answers on a kept-alive connection). */
    byte[] readResponse() {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        try {
            while (true) {
                int b = in.read();
                if (b < 0) {
                    throw new AssertionError("Connection ended inside a head: " + text(head.toByteArray()));
                }
                head.write(b);
                byte[] h = head.toByteArray();
                if (h.length >= 4
                        && h[h.length - 4] == '\r'
                        && h[h.length - 3] == '\n'
                        && h[h.length - 2] == '\r'
                        && h[h.length - 1] == '\n') {
                    break;
                }
            }
            Matcher m = CONTENT_LENGTH.matcher(text(head.toByteArray()));
            if (!m.find()) {
                throw new AssertionError("No Content-Length in " + text(head.toByteArray()));
            }
            byte[] body = readExactly(Integer.parseInt(m.group(1)));
            byte[] all = Arrays.copyOf(head.toByteArray(), head.size() + body.length);
            System.arraycopy(body, 0, all, head.size(), body.length);
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The body of a single response (after the first blank line). */
    static String bodyOf(byte[] response) {
        String s = text(response);
        return s.substring(s.indexOf("\r\n\r\n") + 4);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing
        }
    }
}
