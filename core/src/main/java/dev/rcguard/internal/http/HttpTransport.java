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
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import javax.net.ssl.SSLSocketFactory;

/**
 * The guard's own HTTP/1.1 client for RingCentral: GET requests with keep-alive (and the rare token refresh's POST), every answer read strictly by
 * {@link ResponseReader} and whole before anything looks at it, every read bounded by the exchange's deadline.
 *
 * <p>Why not the platform's HTTP client: an authorization decision must never be made on bytes that belong to another
 * call. Apache HttpClient 4 (RESTEasy, WildFly, the embedded runtime) reuses a pooled connection whose stale check
 * finds bytes waiting ({@code isStale()} is false when data is there), and the JDK's {@code HttpURLConnection} keep-alive
 * cache (Jersey on Payara) does not look; both then read another call's leftover answer as the next call's. Here a
 * connection is kept only after an impeccable answer with nothing left unread, which its caller also found sound, and
 * is reused only if, peeked at without blocking, the server has sent nothing since: a stray byte or a close discards
 * it. What no client can tell is bytes the server sends unasked at the very moment a request goes out. So connections
 * are kept per owner: {@link #SHARED} ones carry only calls whose answer names the question it answers (a permission
 * check's {@code uri} names the user, the permission and the target; {@code Answers} refuses an answer to any other),
 * and every other call uses its own user's connections only. Either way a stray answer can at worst answer the same
 * question about the same user.
 *
 * <p>A request that fails on a kept connection before any byte of an answer arrived (the server closed it while idle)
 * is sent once more on a new connection; no other request is ever repeated.
 */
public final class HttpTransport implements AutoCloseable {

    /**
     * The owner of the connections for calls whose answer names the question it answers, whoever asks it: with many
     * users, a connection per user would mean a new connection (with https, a TLS handshake) for nearly every call.
     */
    public static final String SHARED = "";

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
    /** Kept shared connections, most recently used first: taken and given back by every check, so free of locks. */
    private final Deque<Connection> shared = new ConcurrentLinkedDeque<>();
    /** Kept connections by owner but {@link #SHARED}, most recently used first; changed only inside {@code compute}. */
    private final Map<String, Deque<Connection>> idle = new ConcurrentHashMap<>();

    /** Connections idle: the shared ones, and those of every owner's own, each at most {@code maxIdleConnections}. */
    private final AtomicInteger sharedIdle = new AtomicInteger();

    private final AtomicInteger ownIdle = new AtomicInteger();
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
     * @param owner whose connections the call may use ({@link #SHARED}, or a key of the caller's own)
     * @param target the path and query, already encoded ({@code /restapi/...?permissionId=X})
     * @param authorization the {@code Authorization} header's value
     * @param deadline when the exchange must be over at the latest ({@link System#nanoTime()}); the read timeout
     *     may end it sooner
     * @throws MalformedResponseException for an answer that is not strictly HTTP/1.1
     * @throws IOException when there is no answer in time, or the connection fails
     */
    public HttpResponse get(String owner, String target, String authorization, long deadline) throws IOException {
        return send(owner, target, authorization, deadline).receive(response -> response, response -> owner);
    }

    /**
     * Sends {@code GET basePath + target} with the caller's credentials; {@link Exchange#receive} reads the answer. A
     * thread may send several requests before it reads their answers: they are then answered concurrently.
     *
     * @param owner whose connections the call may use: {@link #SHARED} when the answer will name the question,
     *     else a key of the caller's own (a hash of the user's token, account and extension)
     * @param target the path and query, already encoded ({@code /restapi/...?permissionId=X})
     * @param authorization the {@code Authorization} header's value
     * @param deadline when the exchange must be over at the latest ({@link System#nanoTime()}); the read timeout
     *     may end it sooner
     * @return the exchange, its answer to be read; it must be, or its connection stays open until the deadline
     * @throws IOException when no connection could carry the request
     */
    public Exchange send(String owner, String target, String authorization, long deadline) throws IOException {
        byte[] request = request(target, authorization);
        Connection kept = keptConnection(owner);
        if (kept != null) {
            try {
                return start(kept, request, deadline);
            } catch (IOException closedWhileIdle) { // the request never reached the server: once more, on a new one
                kept.close();
            }
        }
        return fresh(request, deadline);
    }

    private Exchange fresh(byte[] request, long deadline) throws IOException {
        Connection connection = newConnection(deadline);
        try {
            return start(connection, request, deadline);
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private Exchange start(Connection connection, byte[] request, long deadline) throws IOException {
        connection.begin(Math.min(deadline, System.nanoTime() + readTimeoutNanos));
        connection.write(request);
        return new Exchange(connection, request, deadline);
    }

    /** A request sent, its answer still to be read. */
    public final class Exchange {

        private final Connection connection;
        private final byte[] request;
        private final long deadline;

        private Exchange(Connection connection, byte[] request, long deadline) {
            this.connection = connection;
            this.request = request;
            this.deadline = deadline;
        }

        /**
         * Reads the answer whole and gives it to {@code read}. The connection is kept for a later call only if the
         * answer was strictly framed and nothing more is waiting behind it; {@code keepFor} then says, from what the
         * answer meant, for whom: its owner, {@link #SHARED} (every call that takes a shared connection proves its
         * answer, whatever the connection carried before), or {@code null} for nobody.
         *
         * @param read what the caller makes of the answer
         * @param keepFor whose connections this one joins, or {@code null} to close it
         * @throws MalformedResponseException for an answer that is not strictly HTTP/1.1
         * @throws IOException when there is no answer in time, or the connection fails
         */
        public <T> T receive(Function<HttpResponse, T> read, Function<? super T, String> keepFor) throws IOException {
            String keeper = null;
            try {
                HttpResponse response = new ResponseReader(connection).read();
                boolean clean = response.keepAlive() && !connection.hasUnreadBytes();
                T meant = read.apply(response);
                keeper = clean ? keepFor.apply(meant) : null;
                return meant;
            } catch (EOFException | SocketException e) {
                if (!connection.wasStale()) {
                    throw e;
                }
                // The server had closed the kept connection while it was idle: the request never reached it.
                return fresh(request, deadline).receive(read, keepFor);
            } finally {
                if (keeper != null) {
                    release(keeper, connection);
                } else {
                    connection.close();
                }
            }
        }
    }

    private AtomicInteger idleCount(String owner) {
        return owner.equals(SHARED) ? sharedIdle : ownIdle;
    }

    private Connection keptConnection(String owner) {
        long maxIdle = MAX_IDLE.toNanos();
        while (true) {
            Connection c = owner.equals(SHARED) ? shared.pollFirst() : ownConnection(owner);
            if (c == null) {
                return null;
            }
            idleCount(owner).decrementAndGet();
            if (c.isReusable(maxIdle)) {
                return c;
            }
            c.close();
        }
    }

    private Connection ownConnection(String owner) {
        Connection[] taken = new Connection[1];
        idle.computeIfPresent(owner, (key, connections) -> {
            taken[0] = connections.pollFirst();
            return connections.isEmpty() ? null : connections;
        });
        return taken[0];
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
        AtomicInteger idleCount = idleCount(owner);
        if (closed || idleCount.incrementAndGet() > maxIdleConnections) {
            idleCount.decrementAndGet();
            connection.close();
            return;
        }
        if (owner.equals(SHARED)) {
            shared.offerFirst(connection);
        } else {
            idle.compute(owner, (key, connections) -> {
                Deque<Connection> kept = connections != null ? connections : new ArrayDeque<>(2);
                kept.offerFirst(connection);
                return kept;
            });
        }
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
        closeIf(shared, SHARED, c -> c.idleFor() > maxIdle);
        for (String owner : idle.keySet()) {
            idle.computeIfPresent(owner, (key, connections) -> {
                closeIf(connections, key, c -> c.idleFor() > maxIdle);
                return connections.isEmpty() ? null : connections;
            });
        }
    }

    private void closeIf(Deque<Connection> connections, String owner, Predicate<Connection> which) {
        connections.removeIf(c -> {
            boolean remove = which.test(c);
            if (remove) {
                c.close();
                idleCount(owner).decrementAndGet();
            }
            return remove;
        });
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
        return sharedIdle.get() + ownIdle.get();
    }

    @Override
    public void close() {
        closed = true;
        closeIf(shared, SHARED, c -> true);
        for (String owner : idle.keySet()) {
            idle.computeIfPresent(owner, (key, connections) -> {
                closeIf(connections, key, c -> true);
                return null;
            });
        }
    }
}
