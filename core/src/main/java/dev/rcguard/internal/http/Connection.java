package dev.rcguard.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One connection to RingCentral: a socket (TLS over it for https), read through a buffer in which every read is
 * bounded by the exchange's deadline. It is used by one exchange at a time, and kept for the next only when
 * {@link ResponseReader} found its answer impeccable and nothing more is waiting on it.
 */
final class Connection implements AutoCloseable {

    private static final int BUFFER = 8192;

    /** The TCP connection. */
    private final Socket plain;
    /** What the exchanges use: {@link #plain}, or TLS over it. */
    private final Socket socket;

    private final InputStream in;
    private final OutputStream out;
    private final byte[] buffer = new byte[BUFFER];
    private int start;
    private int end;
    private long deadline;
    private long idleSince;
    private boolean reused;
    private boolean answered;

    private Connection(Socket plain, Socket socket) throws IOException {
        this.plain = plain;
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Connects within {@code connectTimeoutMillis}, and for https shakes hands checking the host name. */
    static Connection open(String host, int port, SSLSocketFactory tls, int connectTimeoutMillis, long deadline)
            throws IOException {
        Socket plain = new Socket();
        try {
            plain.setTcpNoDelay(true);
            plain.connect(new InetSocketAddress(host, port), Math.max(1, connectTimeoutMillis));
            if (tls == null) {
                return new Connection(plain, plain);
            }
            SSLSocket secure = (SSLSocket) tls.createSocket(plain, host, port, true);
            SSLParameters parameters = secure.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            parameters.setServerNames(java.util.List.of(new SNIHostName(host)));
            secure.setSSLParameters(parameters);
            secure.setSoTimeout(remainingMillis(deadline));
            secure.startHandshake();
            return new Connection(plain, secure);
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    /** Starts an exchange whose every read must end by {@code deadline} ({@link System#nanoTime()}). */
    void begin(long deadline) {
        this.deadline = deadline;
        this.answered = false;
    }

    void write(byte[] request) throws IOException {
        out.write(request);
        out.flush();
    }

    /** The next byte, waiting at most until the deadline; -1 at the end of the stream. */
    int read() throws IOException {
        if (start == end && fill() < 0) {
            return -1;
        }
        return buffer[start++] & 0xFF;
    }

    /** Exactly {@code n} bytes into {@code target} at {@code offset}, or an exception. */
    void readFully(byte[] target, int offset, int n) throws IOException {
        while (n > 0) {
            if (start == end && fill() < 0) {
                throw new MalformedResponseException("the body ended early");
            }
            int take = Math.min(n, end - start);
            System.arraycopy(buffer, start, target, offset, take);
            start += take;
            offset += take;
            n -= take;
        }
    }

    private int fill() throws IOException {
        socket.setSoTimeout(remainingMillis(deadline));
        int read = in.read(buffer, 0, buffer.length);
        if (read > 0) {
            answered = true;
            start = 0;
            end = read;
        }
        return read;
    }

    /** Bytes read from the socket but not yet consumed: after a complete answer, there must be none. */
    boolean hasUnreadBytes() {
        return start < end;
    }

    /** Marks the connection idle, for {@link #isReusable(long)}. */
    void idle() {
        idleSince = System.nanoTime();
        reused = true;
        start = 0;
        end = 0;
    }

    /** Nanoseconds since it was last marked idle. */
    long idleFor() {
        return System.nanoTime() - idleSince;
    }

    /**
     * Whether a failure now means the server had closed this kept connection while it was idle: it served an earlier
     * exchange, and not one byte of an answer came in this one.
     */
    boolean wasStale() {
        return reused && !answered;
    }

    /**
     * Whether an idle connection may carry the next exchange: it is open, not idle for longer than
     * {@code maxIdleNanos}, and the server has sent nothing since (no stray answer): whatever is waiting, decrypted or
     * not, means the connection is not reused. A close by the server shows only when the next request is answered by
     * none: {@link HttpTransport} then sends it once more on a new connection.
     */
    boolean isReusable(long maxIdleNanos) {
        if (socket.isClosed() || System.nanoTime() - idleSince > maxIdleNanos) {
            return false;
        }
        try {
            return in.available() == 0
                    && (plain == socket || plain.getInputStream().available() == 0);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static int remainingMillis(long deadline) throws SocketTimeoutException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new SocketTimeoutException("the exchange's deadline has passed");
        }
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, left / 1_000_000));
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing: nothing more to do with it.
        }
        try {
            plain.close();
        } catch (IOException ignored) {
            // Same.
        }
    }
}
