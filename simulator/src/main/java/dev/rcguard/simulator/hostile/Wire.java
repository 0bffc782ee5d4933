package dev.rcguard.simulator.hostile;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One connection's socket as a kind sees it: raw writes, and waits that always end (at the stall cap, when the
 * client hangs up, or when the stand-in closes).
 */
final class Wire {
    /** Thrown by waits when the stand-in is closing: the connection ends at once. */
    static final class Stopped extends IOException {
        Stopped() {
            super("the hostile stand-in is closing");
        }
    }

    private static final int SLICE_MILLIS = 100;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final CountDownLatch stopped;
    private final Duration stallCap;

    Wire(Socket socket, InputStream in, OutputStream out, CountDownLatch stopped, Duration stallCap) {
        this.socket = socket;
        this.in = in;
        this.out = out;
        this.stopped = stopped;
        this.stallCap = stallCap;
    }

    Socket socket() {
        return socket;
    }

    /** Writes bytes (buffered until {@link #flush()} or a wait). */
    void write(byte[] bytes) throws IOException {
        out.write(bytes);
    }

    /** Writes text as ISO-8859-1 bytes, one byte per char: for status lines and headers. */
    void write(String latin1) throws IOException {
        write(latin1.getBytes(StandardCharsets.ISO_8859_1));
    }

    void flush() throws IOException {
        out.flush();
    }

    /** Flushes, then waits {@code duration}, or less if the stand-in closes (then throws {@link Stopped}). */
    void pause(Duration duration) throws IOException {
        flush();
        try {
            if (stopped.await(duration.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new Stopped();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stopped();
        }
    }

    /** How long a stalling kind may keep the connection at most. */
    Duration stallCap() {
        return stallCap;
    }

    /** Writes {@code bytes} one at a time, {@code every} apart, until all are out or the stall cap has passed. */
    void drip(byte[] bytes, Duration every) throws IOException {
        long deadline = System.nanoTime() + stallCap.toNanos();
        for (byte b : bytes) {
            if (System.nanoTime() - deadline >= 0) {
                return;
            }
            out.write(b);
            pause(every);
        }
    }

    /** True while the stall cap, counted from {@code startNanos}, has not passed. */
    boolean withinStallCap(long startNanos) {
        return System.nanoTime() - startNanos < stallCap.toNanos();
    }

    /**
     * Keeps the connection open without writing, until the client closes it, the stall cap passes or the
     * stand-in closes. Whatever the client sends meanwhile is read and dropped.
     */
    void hold() throws IOException {
        flush();
        long deadline = System.nanoTime() + stallCap.toNanos();
        byte[] sink = new byte[8192];
        int previousTimeout = socket.getSoTimeout();
        try {
            while (System.nanoTime() - deadline < 0) {
                if (stopped.getCount() == 0) {
                    throw new Stopped();
                }
                socket.setSoTimeout(SLICE_MILLIS);
                try {
                    if (in.read(sink) < 0) {
                        return;
                    }
                } catch (SocketTimeoutException e) {
                    // nothing from the client: keep holding
                }
            }
        } finally {
            if (!socket.isClosed()) {
                socket.setSoTimeout(previousTimeout);
            }
        }
    }

    /** Flushes, then resets the connection (TCP RST) instead of closing it in order. */
    void reset() throws IOException {
        flush();
        socket.setSoLinger(true, 0);
        socket.close();
    }
}
