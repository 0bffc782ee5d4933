package dev.rcguard.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.IntFunction;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The transport against a raw socket server on loopback that writes exactly the bytes each test chooses. */
class HttpTransportTest {

    static final String GRANT = "{\"successful\":true}";

    RawServer server;
    HttpTransport transport;

    @AfterEach
    void stop() throws IOException {
        if (transport != null) {
            transport.close();
        }
        server.close();
    }

    @Test
    void keepsAGoodConnectionForTheNextCall() throws Exception {
        start(n -> ok(GRANT));

        assertThat(get().status()).isEqualTo(200);
        assertThat(get().body()).asString(StandardCharsets.UTF_8).isEqualTo(GRANT);
        assertThat(transport.connectionsOpened()).isEqualTo(1);
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void sendsTheRequestAsRingCentralExpectsIt() throws Exception {
        start(n -> ok(GRANT));

        get();

        assertThat(server.requests().get(0))
                .startsWith("GET /restapi/v1.0/check?permissionId=ReadMessages HTTP/1.1\r\n")
                .contains("\r\nHost: 127.0.0.1:" + server.port() + "\r\n")
                .contains("\r\nAuthorization: Bearer t1\r\n")
                .contains("\r\nAccept: application/json\r\n")
                .doesNotContain("Accept-Encoding")
                .endsWith("\r\n\r\n");
    }

    @Test
    void bytesBeyondTheAnswerAreNeverReadAsTheNextAnswer() throws Exception {
        // The first answer carries a second, unasked one behind it; the next call must get its own.
        start(n -> n == 0 ? ok("{\"successful\":false}") + ok(GRANT) : ok("{\"successful\":false,\"n\":2}"));

        assertThat(body(get())).isEqualTo("{\"successful\":false}");
        assertThat(body(get())).isEqualTo("{\"successful\":false,\"n\":2}");
        assertThat(transport.connectionsOpened()).isEqualTo(2);
    }

    @Test
    void aContentLengthShorterThanTheBodyLeavesNothingForTheNextCall() throws Exception {
        start(n -> n == 0
                ? "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 5\r\n\r\n" + GRANT
                : ok("{\"successful\":false}"));

        assertThat(body(get())).isEqualTo("{\"suc");
        assertThat(body(get())).isEqualTo("{\"successful\":false}");
        assertThat(transport.connectionsOpened()).isEqualTo(2);
    }

    @Test
    void bytesArrivingOnAnIdleConnectionDiscardIt() throws Exception {
        start(n -> n == 0 ? ok("{\"successful\":false}") + "@sleep200@" + ok(GRANT) : ok("{\"n\":2}"));

        assertThat(body(get())).isEqualTo("{\"successful\":false}");
        Thread.sleep(600); // the stray answer arrives while the connection is idle
        assertThat(body(get())).isEqualTo("{\"n\":2}");
        assertThat(transport.connectionsOpened()).isEqualTo(2);
    }

    @Test
    void readsChunkedAnswersAndSkipsInterimOnes() throws Exception {
        start(n -> "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </x>\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;ext=1\r\n{\"suc\r\n" + Integer.toHexString(GRANT.length() - 5) + "\r\n" + GRANT.substring(5)
                + "\r\n0\r\nTrailer: x\r\n\r\n");

        assertThat(body(get())).isEqualTo(GRANT);
        assertThat(body(get())).isEqualTo(GRANT);
        assertThat(transport.connectionsOpened()).isEqualTo(1);
    }

    @Test
    void keepsConnectionsPerOwner_soNoByteOfOneUsersExchangeReachesAnothers() throws Exception {
        start(n -> ok(GRANT));
        long deadline = System.nanoTime() + 3_000_000_000L;

        transport.get("alice", "/x", "Bearer a", deadline);
        transport.get("bob", "/x", "Bearer b", deadline);
        transport.get("alice", "/x", "Bearer a", deadline);
        transport.get("bob", "/x", "Bearer b", deadline);

        assertThat(transport.connectionsOpened()).isEqualTo(2);
        assertThat(transport.idleConnections()).isEqualTo(2);
    }

    @Test
    void aThreadSendsSeveralRequestsBeforeItReadsAnyAnswer() throws Exception {
        // The server answers none of the three until all three have come: read one by one, they would time out.
        CountDownLatch allThree = new CountDownLatch(3);
        start(n -> {
            allThree.countDown();
            try {
                return allThree.await(2500, TimeUnit.MILLISECONDS) ? ok("{\"n\":" + n + "}") : "@close@";
            } catch (InterruptedException e) {
                return "@close@";
            }
        });
        long deadline = System.nanoTime() + 3_000_000_000L;

        List<HttpTransport.Exchange> sent = new ArrayList<>();
        for (String owner : List.of("alice", "bob", "carol")) {
            sent.add(transport.send(owner, "/x", "Bearer " + owner, deadline));
        }
        List<Integer> statuses = new ArrayList<>();
        for (HttpTransport.Exchange exchange : sent) {
            statuses.add(exchange.receive(HttpResponse::status, status -> "anyone"));
        }

        assertThat(statuses).containsExactly(200, 200, 200);
        assertThat(server.requests()).hasSize(3);
    }

    @Test
    void aConnectionItsCallerKeepsForNobody_isNeverUsedAgain() throws Exception {
        start(n -> ok(GRANT));
        long deadline = System.nanoTime() + 3_000_000_000L;

        int status = transport.send("alice", "/x", "Bearer a", deadline).receive(HttpResponse::status, s -> null);
        get();

        assertThat(status).isEqualTo(200);
        assertThat(transport.connectionsOpened()).isEqualTo(2);
        assertThat(transport.idleConnections()).isEqualTo(1);
    }

    @Test
    void sharedConnectionsCarryAnyOwnersCalls_andNoOwnersOwnConnectionIsShared() throws Exception {
        start(n -> ok(GRANT));
        long deadline = System.nanoTime() + 3_000_000_000L;

        transport.get(HttpTransport.SHARED, "/x", "Bearer a", deadline);
        transport.get(HttpTransport.SHARED, "/x", "Bearer b", deadline);
        assertThat(transport.connectionsOpened()).isEqualTo(1);

        transport.get("alice", "/x", "Bearer a", deadline); // not the shared one
        transport.get(HttpTransport.SHARED, "/x", "Bearer b", deadline); // not alice's
        assertThat(transport.connectionsOpened()).isEqualTo(2);
        assertThat(transport.idleConnections()).isEqualTo(2);
    }

    @Test
    void aConnectionJoinsTheConnectionsItsCallerKeepsItFor() throws Exception {
        start(n -> ok(GRANT));
        long deadline = System.nanoTime() + 3_000_000_000L;

        transport.send("alice", "/x", "Bearer a", deadline).receive(response -> response, r -> HttpTransport.SHARED);
        transport.get("alice", "/x", "Bearer a", deadline); // alice has none of her own left
        transport.get(HttpTransport.SHARED, "/x", "Bearer b", deadline); // the one alice's first call used

        assertThat(transport.connectionsOpened()).isEqualTo(2);
        assertThat(server.connectionOfRequest()).containsExactly(1, 2, 1);
    }

    @Test
    void refusesWhatIsNotStrictlyFramed() throws Exception {
        List<String> broken = List.of(
                "HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\n{}",
                "HTTP/1.1 2000 OK\r\nContent-Length: 2\r\n\r\n{}",
                "HTTP/2 200\r\nContent-Length: 2\r\n\r\n{}",
                "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
                "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\n{}",
                "HTTP/1.1 200 OK\r\nContent-Length: -2\r\n\r\n{}",
                "HTTP/1.1 200 OK\r\nContent-Length: +2\r\n\r\n{}",
                "HTTP/1.1 200 OK\r\nContent-Length: two\r\n\r\n{}",
                "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\n{}\r\n0\r\n\r\n",
                "HTTP/1.1 200 OK\r\nContent-Type application/json\r\nContent-Length: 2\r\n\r\n{}",
                "HTTP/1.1 200 OK\r\nContent Type: application/json\r\nContent-Length: 2\r\n\r\n{}",
                "HTTP/1.1 200 OK\r\nContent-Type: application/json;\r\n charset=utf-8\r\nContent-Length: 2\r\n\r\n{}",
                "HTTP/1.1 200 OK\nContent-Length: 2\n\n{}",
                "HTTP/1.1 200 OK\r\n\r\n{}",
                "HTTP/1.1 101 Switching Protocols\r\n\r\n",
                "HTTP/1.1 200 OK\r\nContent-Length: 1048577\r\n\r\n{}");
        start(n -> broken.get(n) + "@close@");

        for (int i = 0; i < broken.size(); i++) {
            assertThatThrownBy(this::get).as(broken.get(i)).isInstanceOf(MalformedResponseException.class);
        }
    }

    @Test
    void anAnswerThatNeverEndsIsAbandonedAtTheDeadline() throws Exception {
        start(n ->
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"a\":" + "@drip@");
        long started = System.nanoTime();

        assertThatThrownBy(() -> transport.get("alice", "/x", "Bearer t1", System.nanoTime() + 700_000_000L))
                .isInstanceOf(SocketTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(650));
        assertThat(transport.idleConnections()).isZero();
    }

    @Test
    void aCredentialThatCannotBeAHeaderIsNeverSent() throws Exception {
        start(n -> ok(GRANT));

        assertThatThrownBy(
                        () -> transport.get("alice", "/x", "Bearer a\r\nX-Evil: 1", System.nanoTime() + 1_000_000_000L))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(server.requests()).isEmpty();
    }

    private HttpResponse get() throws IOException {
        return transport.get(
                "alice",
                "/restapi/v1.0/check?permissionId=ReadMessages",
                "Bearer t1",
                System.nanoTime() + 3_000_000_000L);
    }

    private static String body(HttpResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    static String ok(String body) {
        return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n"
                + body;
    }

    private void start(IntFunction<String> answers) throws IOException {
        server = new RawServer(answers);
        transport = new HttpTransport(
                URI.create("http://127.0.0.1:" + server.port()),
                (SSLSocketFactory) SSLSocketFactory.getDefault(),
                Duration.ofSeconds(2),
                Duration.ofSeconds(3),
                4);
    }

    /**
     * Answers the n-th request (over all connections) with {@code answers.apply(n)}, written as is, where
     * {@code @sleep200@} pauses, {@code @close@} closes the connection and {@code @drip@} sends a space every 100 ms
     * until the client goes away (at most 30 s).
     */
    static final class RawServer implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final ExecutorService threads = Executors.newCachedThreadPool();
        private final List<String> requests = new CopyOnWriteArrayList<>();
        private final AtomicInteger count = new AtomicInteger();
        private final AtomicInteger accepted = new AtomicInteger();
        private final List<Integer> connectionOfRequest = new CopyOnWriteArrayList<>();
        private final BiFunction<Integer, String, String> answers;

        RawServer(IntFunction<String> answers) throws IOException {
            this((n, request) -> answers.apply(n));
        }

        /** Answers each request with {@code answers.apply(n, request's head)}. */
        RawServer(BiFunction<Integer, String, String> answers) throws IOException {
            this.answers = answers;
            threads.execute(this::accept);
        }

        int port() {
            return socket.getLocalPort();
        }

        List<String> requests() {
            return requests;
        }

        /** For each request in {@link #requests()}, the number of the connection it came on (1, 2, …). */
        List<Integer> connectionOfRequest() {
            return connectionOfRequest;
        }

        /** Connections accepted so far. */
        int accepted() {
            return accepted.get();
        }

        private void accept() {
            while (!socket.isClosed()) {
                try {
                    Socket connection = socket.accept();
                    int number = accepted.incrementAndGet();
                    threads.execute(() -> serve(connection, number));
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private void serve(Socket connection, int number) {
            try (connection;
                    InputStream in = connection.getInputStream();
                    OutputStream out = connection.getOutputStream()) {
                while (true) {
                    String request = readHead(in);
                    if (request == null) {
                        return;
                    }
                    connectionOfRequest.add(number);
                    requests.add(request);
                    if (!write(answers.apply(count.getAndIncrement(), request), out)) {
                        return;
                    }
                }
            } catch (IOException | InterruptedException gone) {
                // The client went away.
            }
        }

        private static boolean write(String script, OutputStream out) throws IOException, InterruptedException {
            for (String piece : script.split("(?=@)|(?<=@)")) {
                switch (piece) {
                    case "@", "" -> {}
                    case "sleep200" -> Thread.sleep(200);
                    case "close" -> {
                        return false;
                    }
                    case "drip" -> {
                        for (int i = 0; i < 300; i++) {
                            out.write(' ');
                            out.flush();
                            Thread.sleep(100);
                        }
                        return false;
                    }
                    default -> {
                        out.write(piece.getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                    }
                }
            }
            return true;
        }

        private static String readHead(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                head.write(b);
                String text = head.toString(StandardCharsets.ISO_8859_1);
                if (text.endsWith("\r\n\r\n")) {
                    return text;
                }
            }
            return null;
        }

        @Override
        public void close() throws IOException {
            socket.close();
            threads.shutdownNow();
        }
    }
}
