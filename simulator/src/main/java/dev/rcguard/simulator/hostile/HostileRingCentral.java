package dev.rcguard.simulator.hostile;

import dev.rcguard.simulator.Endpoint;
import dev.rcguard.simulator.hostile.RequestReader.BadRequest;
import dev.rcguard.simulator.hostile.RequestReader.Request;
import dev.rcguard.simulator.hostile.Responder.After;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A hostile stand-in for RingCentral: a raw-socket HTTP/1.1 server on {@code 127.0.0.1} that answers each
 * permission check or features call with one {@link AnswerKind kind} of answer, chosen by the request's bearer
 * token ({@code Authorization: Bearer kind-NNN}, see {@link AnswerKind#token()}). Genuine grants, genuine
 * refusals, and answers that are not genuine grants however much they look like one: ambiguous JSON, broken
 * envelopes and framing, answers that outlive their call, resource attacks. Each kind carries a hand-written
 * {@link Label}: the oracle of what a guard must do with it.
 *
 * <p>Connections are kept alive as a real server keeps them (several requests per connection, answered in order,
 * pipelining included) unless the request or the kind closes them. A request may also name its kind with the query
 * parameter {@code hostileKind=NNN}, which wins over the token (the redirect kinds use it to point at a grant).
 * Requests without a kind get 401 ({@code AGW-401} / {@code AGW-402}), other paths 404 ({@code CMN-102}), a
 * permission check without {@code permissionId} 400 ({@code CMN-101}).
 *
 * <p>Everything is bounded: stalling kinds give up at the {@linkplain Builder#stallCap stall cap} (30 s by
 * default), idle kept-alive connections close after the {@linkplain Builder#idleTimeout idle timeout}, a watchdog
 * closes any connection whose answer outlives the stall cap by 10 s (a client that never reads), and
 * {@link #close()} closes every socket and waits a bounded time for its threads.
 *
 * <pre>{@code
 * try (HostileRingCentral rc = HostileRingCentral.builder().stallCap(Duration.ofSeconds(5)).start()) {
 *     for (AnswerKind kind : AnswerKind.values()) {
 *         // call the guarded endpoint with "Authorization: Bearer " + kind.token(), the guard configured
 *         // with rc.baseUri() as RingCentral's base URL, then:
 *         // assert passed == kind.permissionLabel().isGrant();
 *     }
 *     assertThat(rc.requests(AnswerKind.CANONICAL_GRANT)).isEqualTo(1);
 * }
 * }</pre>
 */
public final class HostileRingCentral implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(HostileRingCentral.class.getName());
    private static final Pattern PATH =
            Pattern.compile("/restapi/v1\\.0/account/[^/?]+/extension/[^/?]+/(authz-profile/check|features)");
    private static final Pattern BEARER = Pattern.compile("(?i:bearer) +(\\S+)");
    private static final int MAX_SERVED = 100_000;
    private static final Duration LINGER = Duration.ofSeconds(1);
    private static final Duration WATCHDOG_GRACE = Duration.ofSeconds(10);
    private static final long JOIN_MILLIS = 5_000;

    private final Builder settings;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong connections = new AtomicLong();
    private final Map<AnswerKind, AtomicLong> byKind = new ConcurrentHashMap<>();
    private final List<Served> served = new ArrayList<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private ServerSocket server;
    private Thread acceptor;
    private ThreadPoolExecutor workers;
    private ScheduledExecutorService watchdog;
    private volatile String base;
    private boolean closed;

    private HostileRingCentral(Builder settings) {
        this.settings = settings;
    }

    /** {@return a builder: free port, 30 s stall cap, 30 s idle timeout, 256 connections at most} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds to {@code 127.0.0.1} and returns once it accepts connections.
     *
     * @return this stand-in, accepting connections
     */
    public synchronized HostileRingCentral start() {
        if (server != null) {
            throw new IllegalStateException("Already started");
        }
        ServerSocket bound = null;
        try {
            bound = new ServerSocket();
            bound.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), settings.port), 128);
        } catch (IOException e) {
            if (bound != null) {
                closeQuietly(bound);
            }
            throw new UncheckedIOException("Cannot bind 127.0.0.1:" + settings.port, e);
        }
        server = bound;
        base = "http://127.0.0.1:" + server.getLocalPort();
        String threadPrefix = "hostile-ringcentral-" + server.getLocalPort() + "-";
        workers = new ThreadPoolExecutor(
                0,
                settings.maxConnections,
                10,
                TimeUnit.SECONDS,
                new SynchronousQueue<>(),
                daemon(threadPrefix + "connection-"));
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, daemon(threadPrefix + "watchdog-"));
        scheduler.setRemoveOnCancelPolicy(true);
        watchdog = scheduler;
        acceptor = daemon(threadPrefix + "acceptor-").newThread(this::acceptLoop);
        acceptor.start();
        LOG.log(System.Logger.Level.INFO, "Hostile RingCentral stand-in listening on {0}", base);
        return this;
    }

    /** {@return {@code http://127.0.0.1:<port>}, without a trailing slash} */
    public URI baseUri() {
        if (base == null) {
            throw new IllegalStateException("Not started");
        }
        return URI.create(base);
    }

    /** {@return the port it listens on} */
    public int port() {
        return baseUri().getPort();
    }

    /**
     * {@code <base>/restapi/v1.0/account/~/extension/~/authz-profile/check?permissionId=<id>}.
     *
     * @param permissionId the permission id
     * @return the URI
     */
    public URI permissionCheckUri(String permissionId) {
        return URI.create(base + "/restapi/v1.0/account/~/extension/~/authz-profile/check?permissionId="
                + URLEncoder.encode(permissionId, StandardCharsets.UTF_8));
    }

    /**
     * {@code <base>/restapi/v1.0/account/~/extension/~/features?featureId=<a>&featureId=<b>...}.
     *
     * @param featureIds the feature ids
     * @return the URI
     */
    public URI featuresUri(String... featureIds) {
        String query = List.of(featureIds).stream()
                .map(id -> "featureId=" + URLEncoder.encode(id, StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return URI.create(base + "/restapi/v1.0/account/~/extension/~/features" + (query.isEmpty() ? "" : "?" + query));
    }

    /** {@return requests read so far, whatever they were answered} */
    public long requests() {
        return requests.get();
    }

    /**
     * {@return requests answered with {@code kind}}
     *
     * @param kind an answer kind
     */
    public long requests(AnswerKind kind) {
        AtomicLong count = byKind.get(kind);
        return count == null ? 0 : count.get();
    }

    /** {@return connections accepted so far} */
    public long connections() {
        return connections.get();
    }

    /** {@return connections open right now} */
    public int openConnections() {
        return open.size();
    }

    /** {@return the requests answered with a kind, in the order they were read (the first 100,000)} */
    public List<Served> served() {
        synchronized (served) {
            return List.copyOf(served);
        }
    }

    /** Stops accepting, closes every connection at once and waits (a bounded time) for its threads. */
    @Override
    public void close() {
        synchronized (this) {
            if (server == null || closed) {
                return;
            }
            closed = true;
        }
        stopped.countDown();
        closeQuietly(server);
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        workers.shutdownNow();
        watchdog.shutdownNow();
        try {
            acceptor.join(JOIN_MILLIS);
            if (!workers.awaitTermination(JOIN_MILLIS, TimeUnit.MILLISECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "Hostile stand-in threads still running after close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (stopped.getCount() > 0) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (stopped.getCount() > 0) {
                    LOG.log(System.Logger.Level.WARNING, "Accept failed; the stand-in stops accepting", e);
                }
                return;
            }
            long number = connections.incrementAndGet();
            if (open.size() >= settings.maxConnections) {
                closeQuietly(socket);
                continue;
            }
            open.add(socket);
            if (stopped.getCount() == 0) {
                closeQuietly(socket);
                open.remove(socket);
                return;
            }
            try {
                workers.execute(() -> serve(socket, number));
            } catch (RejectedExecutionException e) {
                closeQuietly(socket);
                open.remove(socket);
            }
        }
    }

    private void serve(Socket socket, long connection) {
        try {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            Wire wire = new Wire(socket, in, out, stopped, settings.stallCap);
            int sequence = 0;
            boolean keepAlive = true;
            while (keepAlive && stopped.getCount() > 0) {
                socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, settings.idleTimeout.toMillis()));
                Request request;
                try {
                    request = RequestReader.read(in);
                } catch (SocketTimeoutException e) {
                    break;
                } catch (BadRequest e) {
                    plain(wire, e.status, e.getMessage());
                    break;
                }
                if (request == null) {
                    break;
                }
                requests.incrementAndGet();
                sequence++;
                After after = answer(request, wire, connection, sequence);
                if (socket.isClosed()) {
                    return;
                }
                wire.flush();
                keepAlive = after == After.KEEP_ALIVE && request.keepAlive();
            }
            closeInOrder(socket, in, out);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "Connection " + connection + " ended: " + e);
        } finally {
            open.remove(socket);
            closeQuietly(socket);
        }
    }

    private After answer(Request request, Wire wire, long connection, int sequence) throws IOException {
        String target = request.target();
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        Map<String, List<String>> query;
        try {
            query = query(q < 0 ? "" : target.substring(q + 1));
        } catch (IllegalArgumentException e) {
            return json(wire, "400 Bad Request", "CMN-101", "Malformed query string");
        }
        if (!request.method().equals("GET")) {
            return json(wire, "405 Method Not Allowed", "CMN-102", "Method not allowed");
        }
        Optional<AnswerKind> kind = kind(request, query);
        if (kind.isEmpty()) {
            return request.all("Authorization").isEmpty()
                    ? json(wire, "401 Unauthorized", "AGW-401", "Authorization header is not specified")
                    : json(wire, "401 Unauthorized", "AGW-402", "Invalid Authorization header");
        }
        Matcher m = PATH.matcher(path);
        if (!m.matches()) {
            return json(wire, "404 Not Found", "CMN-102", "Resource not found");
        }
        Endpoint endpoint = m.group(1).equals("features") ? Endpoint.FEATURES : Endpoint.PERMISSION_CHECK;
        List<String> permissionIds = query.getOrDefault("permissionId", List.of());
        if (endpoint == Endpoint.PERMISSION_CHECK && permissionIds.isEmpty()) {
            return json(wire, "400 Bad Request", "CMN-101", "Parameter [permissionId] value is invalid.");
        }
        Asked asked = new Asked(
                endpoint,
                endpoint == Endpoint.PERMISSION_CHECK ? permissionIds.get(0) : null,
                endpoint == Endpoint.FEATURES ? query.getOrDefault("featureId", List.of()) : List.of(),
                query.getOrDefault("targetExtensionId", List.of()).stream()
                        .findFirst()
                        .orElse(null),
                target,
                base);
        byKind.computeIfAbsent(kind.get(), k -> new AtomicLong()).incrementAndGet();
        synchronized (served) {
            if (served.size() < MAX_SERVED) {
                served.add(new Served(connection, sequence, kind.get(), asked));
            }
        }
        Socket socket = wire.socket();
        ScheduledFuture<?> guard = watchdog.schedule(
                () -> closeQuietly(socket),
                settings.stallCap.plus(WATCHDOG_GRACE).toMillis(),
                TimeUnit.MILLISECONDS);
        try {
            return kind.get().responder().answer(wire, asked);
        } finally {
            guard.cancel(false);
        }
    }

    private static Optional<AnswerKind> kind(Request request, Map<String, List<String>> query) {
        List<String> override = query.getOrDefault("hostileKind", List.of());
        if (!override.isEmpty()) {
            try {
                return Optional.of(AnswerKind.byNumber(Integer.parseInt(override.get(0))));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        List<String> authorization = request.all("Authorization");
        if (authorization.size() != 1) {
            return Optional.empty();
        }
        Matcher m = BEARER.matcher(authorization.get(0));
        return m.matches() ? AnswerKind.fromToken(m.group(1)) : Optional.empty();
    }

    private static Map<String, List<String>> query(String query) {
        Map<String, List<String>> params = new java.util.LinkedHashMap<>();
        if (query.isEmpty()) {
            return params;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return params;
    }

    /** The stand-in's own (genuine, well-formed) answer in RingCentral's error shape. */
    private static After json(Wire wire, String status, String code, String message) throws IOException {
        byte[] body = ("{\"errorCode\":\"" + code + "\",\"message\":\"" + message + "\",\"errors\":[{\"errorCode\":\""
                        + code + "\",\"message\":\"" + message + "\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        wire.write("HTTP/1.1 " + status + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\n\r\n");
        wire.write(body);
        return After.KEEP_ALIVE;
    }

    private static void plain(Wire wire, int status, String message) throws IOException {
        byte[] body = message.getBytes(StandardCharsets.UTF_8);
        wire.write("HTTP/1.1 " + status + " " + message + "\r\nContent-Type: text/plain\r\nContent-Length: "
                + body.length + "\r\nConnection: close\r\n\r\n");
        wire.write(body);
        wire.flush();
    }

    /** Flushes, half-closes, and reads what the client still sends for a moment, so it reads every byte written. */
    private void closeInOrder(Socket socket, InputStream in, OutputStream out) {
        if (socket.isClosed()) {
            return;
        }
        try {
            out.flush();
            socket.shutdownOutput();
            socket.setSoTimeout(100);
            long deadline = System.nanoTime() + LINGER.toNanos();
            byte[] sink = new byte[8192];
            while (System.nanoTime() - deadline < 0 && stopped.getCount() > 0) {
                try {
                    if (in.read(sink) < 0) {
                        return;
                    }
                } catch (SocketTimeoutException e) {
                    // the client has not closed yet
                }
            }
        } catch (IOException e) {
            // already gone
        }
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger number = new AtomicInteger();
        ThreadFactory defaults = Executors.defaultThreadFactory();
        return task -> {
            Thread thread = defaults.newThread(task);
            thread.setName(prefix + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Settings of a {@link HostileRingCentral}. */
    public static final class Builder {
        private int port;
        private Duration stallCap = Duration.ofSeconds(30);
        private Duration idleTimeout = Duration.ofSeconds(30);
        private int maxConnections = 256;

        private Builder() {}

        /**
         * The port on 127.0.0.1; 0 (the default) picks a free one.
         *
         * @param port the port, 0 for a free one
         * @return this builder
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range");
            }
            this.port = port;
            return this;
        }

        /**
         * How long a {@link Trait#STALLS stalling} kind keeps a connection at most before closing it (default 30 s).
         * Lower it in tests whose client timeouts are shorter, so the stand-in's threads end with them.
         *
         * @param stallCap positive
         * @return this builder
         */
        public Builder stallCap(Duration stallCap) {
            if (stallCap.isNegative() || stallCap.isZero()) {
                throw new IllegalArgumentException("stallCap must be positive");
            }
            this.stallCap = Objects.requireNonNull(stallCap, "stallCap");
            return this;
        }

        /**
         * How long a kept-alive connection may wait for its next request (default 30 s).
         *
         * @param idleTimeout positive
         * @return this builder
         */
        public Builder idleTimeout(Duration idleTimeout) {
            if (idleTimeout.isNegative() || idleTimeout.isZero()) {
                throw new IllegalArgumentException("idleTimeout must be positive");
            }
            this.idleTimeout = Objects.requireNonNull(idleTimeout, "idleTimeout");
            return this;
        }

        /**
         * Connections served at once; more are closed on accept (default 256).
         *
         * @param maxConnections at least 1
         * @return this builder
         */
        public Builder maxConnections(int maxConnections) {
            if (maxConnections < 1) {
                throw new IllegalArgumentException("maxConnections must be positive");
            }
            this.maxConnections = maxConnections;
            return this;
        }

        /** {@return the stand-in, not yet started} */
        public HostileRingCentral build() {
            return new HostileRingCentral(this);
        }

        /**
         * {@link #build()} and {@link HostileRingCentral#start()}.
         *
         * @return the stand-in, accepting connections
         */
        public HostileRingCentral start() {
            return build().start();
        }
    }
}
