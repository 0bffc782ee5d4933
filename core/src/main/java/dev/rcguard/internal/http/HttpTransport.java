package dev.rcguard.internal.http;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLSocketFactory;

/**
 * The guard's own HTTP/1.1 client for RingCentral: GET requests with keep-alive (and the rare token refresh's POST), every answer read strictly by
 * {@link ResponseReader} and whole before anything looks at it, every read bounded by the exchange's deadline.
 *
 * <p>Why not the platform's HTTP client: an authorization decision must never be made on bytes that belong to another
 * call. Apache HttpClient 4 (RESTEasy, WildFly, the embedded runtime) reuses a pooled connection whose stale check
 * finds bytes waiting ({@code isStale()} is false when data is there), and the JDK's {@code HttpURLConnection} keep-alive
 * cache (Jersey on Payara) does not look; both then read another call's leftover answer as the next call's. Here a
 * connection is kept only after an impeccable answer with nothing left unread, only for the same owner (the same
 * user: no byte of one user's exchange can ever reach another's), and is reused only if, peeked at without blocking,
 * the server has sent nothing since: a stray byte or a close discards it. What no client can tell is bytes the
 * server sends unasked at the very moment a request goes out; kept per owner, they can at worst answer that same
 * user's next call, and only about the id and target they name ({@code Answers} checks it).
 *
 * <p>A request that fails on a kept connection before any byte of an answer arrived (the server closed it while idle)
 * is sent once more on a new connection; no other request is ever repeated.
 */
public final class HttpTransport implements AutoCloseable {

    /** Kept connections idle longer than this are not reused: servers close idle ones after some tens of seconds. */
    static final Duration MAX_IDLE = Duration.ofSeconds(20);

    private final String host;
    private final int port;
    private final String hostHeader;
    private final String basePath;
    private final SSLSocketFactory tls;
    private final int connectTimeoutMillis;
    private final long readTimeoutNanos;
    private final int maxIdleConnections;
    /** Kept connections by owner, most recently used first; changed only inside {@code compute}. */
    private final Map<String, Deque<Connection>> idle = new ConcurrentHashMap<>();

    private final AtomicInteger idleCount = new AtomicInteger();
    private final AtomicLong nextSweep = new AtomicLong(System.nanoTime());
    private final AtomicInteger opened = new AtomicInteger();
    private volatile boolean closed;

    /**
     * @param baseUrl {@code http(s)://host[:port][/path]}
     * @param tls the TLS socket factory for https (the JDK's default: its trust store, host names checked)
     * @param connectTimeout how long to wait for a connection
     * @param readTimeout how long to wait for the whole answer, once the request is sent
     * @param maxIdleConnections how many connections to keep for later calls
     */
    public HttpTransport(
            URI baseUrl, SSLSocketFactory tls, Duration connectTimeout, Duration readTimeout, int maxIdleConnections) {
        boolean secure = baseUrl.getScheme().toLowerCase(Locale.ROOT).equals("https");
        this.host = baseUrl.getHost().startsWith("[")
                ? baseUrl.getHost().substring(1, baseUrl.getHost().length() - 1)
                : baseUrl.getHost();
        this.port = baseUrl.getPort() > 0 ? baseUrl.getPort() : secure ? 443 : 80;
        this.hostHeader = baseUrl.getPort() > 0 ? baseUrl.getHost() + ":" + baseUrl.getPort() : baseUrl.getHost();
        String path = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath();
        this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        this.tls = secure ? tls : null;
        this.connectTimeoutMillis = (int) connectTimeout.toMillis();
        this.readTimeoutNanos = readTimeout.toNanos();
        this.maxIdleConnections = maxIdleConnections;
    }

    /**
     * {@code GET basePath + target} with the caller's credentials, answered whole.
     *
     * @param owner whose call this is (a hash of the user's token, account and extension): connections are kept and
     *     reused per owner only
     * @param target the path and query, already encoded ({@code /restapi/...?permissionId=X})
     * @param authorization the {@code Authorization} header's value
     * @param deadline when the exchange must be over at the latest ({@link System#nanoTime()}); the read timeout
     *     may end it sooner
     * @throws MalformedResponseException for an answer that is not strictly HTTP/1.1
     * @throws IOException when there is no answer in time, or the connection fails
     */
    public HttpResponse get(String owner, String target, String authorization, long deadline) throws IOException {
        byte[] request = request(target, authorization);
        Connection kept = keptConnection(owner);
        if (kept != null) {
            try {
                return exchange(owner, kept, request, deadline);
            } catch (StaleConnectionException closedWhileIdle) {
                // The server had closed the kept connection: the request never reached it. Once more, on a new one.
            }
        }
        return exchange(owner, newConnection(deadline), request, deadline);
    }

    /** A kept connection failed before any byte of an answer: the server had closed it while it was idle. */
    private static final class StaleConnectionException extends IOException {
        StaleConnectionException(IOException cause) {
            super(cause);
        }
    }

    private HttpResponse exchange(String owner, Connection connection, byte[] request, long deadline)
            throws IOException {
        boolean keep = false;
        try {
            connection.begin(Math.min(deadline, System.nanoTime() + readTimeoutNanos));
            connection.write(request);
            HttpResponse response = new ResponseReader(connection).read();
            keep = response.keepAlive() && !connection.hasUnreadBytes();
            return response;
        } catch (EOFException | SocketException e) {
            throw connection.wasStale() ? new StaleConnectionException(e) : e;
        } finally {
            if (keep) {
                release(owner, connection);
            } else {
                connection.close();
            }
        }
    }

    private Connection keptConnection(String owner) {
        long maxIdle = MAX_IDLE.toNanos();
        while (true) {
            Connection[] taken = new Connection[1];
            idle.computeIfPresent(owner, (key, connections) -> {
                taken[0] = connections.pollFirst();
                return connections.isEmpty() ? null : connections;
            });
            Connection c = taken[0];
            if (c == null) {
                return null;
            }
            idleCount.decrementAndGet();
            if (c.isReusable(maxIdle)) {
                return c;
            }
            c.close();
        }
    }

    private Connection newConnection(long deadline) throws IOException {
        if (closed) {
            throw new IOException("the transport is closed");
        }
        long left = (deadline - System.nanoTime()) / 1_000_000;
        Connection connection =
                Connection.open(host, port, tls, (int) Math.min(connectTimeoutMillis, Math.max(1, left)), deadline);
        opened.incrementAndGet();
        return connection;
    }

    private void release(String owner, Connection connection) {
        connection.idle();
        if (closed || idleCount.incrementAndGet() > maxIdleConnections) {
            idleCount.decrementAndGet();
            connection.close();
            return;
        }
        idle.compute(owner, (key, connections) -> {
            Deque<Connection> kept = connections != null ? connections : new ArrayDeque<>(2);
            kept.offerFirst(connection);
            return kept;
        });
        if (closed) { // close() ran meanwhile
            close();
        }
        sweepIfDue();
    }

    /** Closes connections kept longer than {@link #MAX_IDLE}, for owners who did not come back. */
    private void sweepIfDue() {
        long now = System.nanoTime();
        long due = nextSweep.get();
        if (now - due < 0 || !nextSweep.compareAndSet(due, now + MAX_IDLE.toNanos() / 2)) {
            return;
        }
        long maxIdle = MAX_IDLE.toNanos();
        for (String owner : idle.keySet()) {
            idle.computeIfPresent(owner, (key, connections) -> {
                connections.removeIf(c -> {
                    boolean expired = c.idleFor() > maxIdle;
                    if (expired) {
                        c.close();
                        idleCount.decrementAndGet();
                    }
                    return expired;
                });
                return connections.isEmpty() ? null : connections;
            });
        }
    }

    private byte[] request(String target, String authorization) {
        return head("GET", target, authorization, "").getBytes(StandardCharsets.US_ASCII);
    }

    private String head(String method, String target, String authorization, String moreFields) {
        for (int i = 0; i < authorization.length(); i++) {
            char c = authorization.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                throw new IllegalArgumentException("a credential that cannot travel in a header");
            }
        }
        return method + " " + basePath + target + " HTTP/1.1\r\n"
                + "Host: " + hostHeader + "\r\n"
                + "Authorization: " + authorization + "\r\n"
                + "Accept: application/json\r\n"
                + "User-Agent: rcguard\r\n"
                + moreFields
                + "\r\n";
    }

    /**
     * {@code POST basePath + target} with a form, answered whole, on a connection of its own that is closed after: such
     * calls are rare (token refreshes), and none is ever sent twice, not even on a stale connection.
     *
     * @param form the body, {@code application/x-www-form-urlencoded}, already encoded
     */
    public HttpResponse post(String target, String authorization, String form, long deadline) throws IOException {
        byte[] body = form.getBytes(StandardCharsets.US_ASCII);
        String head = head(
                "POST",
                target,
                authorization,
                "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length
                        + "\r\nConnection: close\r\n");
        byte[] request = Arrays.copyOf(head.getBytes(StandardCharsets.US_ASCII), head.length() + body.length);
        System.arraycopy(body, 0, request, head.length(), body.length);
        Connection connection = newConnection(deadline);
        try {
            connection.begin(Math.min(deadline, System.nanoTime() + readTimeoutNanos));
            connection.write(request);
            return new ResponseReader(connection).read();
        } finally {
            connection.close();
        }
    }

    /** Connections opened so far (for tests and benchmarks: reuse shows as few). */
    public int connectionsOpened() {
        return opened.get();
    }

    /** Connections idle right now. */
    public int idleConnections() {
        return idleCount.get();
    }

    @Override
    public void close() {
        closed = true;
        for (String owner : idle.keySet()) {
            idle.computeIfPresent(owner, (key, connections) -> {
                connections.forEach(Connection::close);
                idleCount.addAndGet(-connections.size());
                return null;
            });
        }
    }
}
