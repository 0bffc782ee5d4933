package dev.rcguard.simulator.hostile;

import static dev.rcguard.simulator.hostile.RawClient.bodyOf;
import static dev.rcguard.simulator.hostile.RawClient.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rcguard.simulator.Endpoint;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The stand-in as a server: keep-alive, pipelining, counters, its own answers, stalls and closing. */
class HostileRingCentralTest {
    private static final Duration SHORT_CAP = Duration.ofSeconds(1);
    private final List<HostileRingCentral> started = new ArrayList<>();

    private HostileRingCentral start(HostileRingCentral.Builder builder) {
        HostileRingCentral rc = builder.start();
        started.add(rc);
        return rc;
    }

    @AfterEach
    void stop() {
        started.forEach(HostileRingCentral::close);
    }

    @Test
    void servesSeveralRequestsOnOneKeptAliveConnection_inOrder() {
        HostileRingCentral rc = start(HostileRingCentral.builder());
        try (RawClient client = new RawClient(rc)) {
            client.send(RawClient.get(RawClient.check("ReadMessages"), AnswerKind.CANONICAL_GRANT.token(), false));
            byte[] first = client.readResponse();
            client.send(RawClient.get(RawClient.check("EditMessages"), AnswerKind.DENIED_PLAIN.token(), false));
            byte[] second = client.readResponse();
            client.send(RawClient.get(RawClient.features(List.of("HUD")), AnswerKind.TOKEN_EXPIRED.token(), false));
            byte[] third = client.readResponse();

            assertThat(StrictJudge.permission(first, "ReadMessages").grant(0)).isTrue();
            assertThat(bodyOf(second)).contains("permissionId=EditMessages\",\"successful\":false}");
            assertThat(text(third)).startsWith("HTTP/1.1 401 ").contains("OAU-128");
        }
        assertThat(rc.connections()).isEqualTo(1);
        assertThat(rc.requests()).isEqualTo(3);
        assertThat(rc.served())
                .extracting(Served::connection, Served::sequence, Served::kind)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1L, 1, AnswerKind.CANONICAL_GRANT),
                        org.assertj.core.groups.Tuple.tuple(1L, 2, AnswerKind.DENIED_PLAIN),
                        org.assertj.core.groups.Tuple.tuple(1L, 3, AnswerKind.TOKEN_EXPIRED));
        assertThat(rc.served().get(1).asked().permissionId()).contains("EditMessages");
        assertThat(rc.served().get(2).asked().endpoint()).isEqualTo(Endpoint.FEATURES);
        assertThat(rc.served().get(2).asked().featureIds()).containsExactly("HUD");
        assertThat(rc.requests(AnswerKind.DENIED_PLAIN)).isEqualTo(1);
        assertThat(rc.requests(AnswerKind.GRANT_CHUNKED)).isZero();
    }

    @Test
    void answersPipelinedRequestsInOrder() {
        HostileRingCentral rc = start(HostileRingCentral.builder());
        List<String> ids = List.of("ReadMessages", "ReadCallLog", "Meetings", "HUD");
        StringBuilder requests = new StringBuilder();
        for (String id : ids) {
            requests.append(RawClient.get(RawClient.check(id), AnswerKind.GRANT_MINIMAL.token(), false));
        }
        try (RawClient client = new RawClient(rc)) {
            client.send(requests.toString());
            for (String id : ids) {
                assertThat(bodyOf(client.readResponse())).contains("\"id\":\"" + id + "\"");
            }
        }
        assertThat(rc.connections()).isEqualTo(1);
        assertThat(rc.served()).extracting(Served::sequence).containsExactly(1, 2, 3, 4);
    }

    @Test
    void keepsTheConnectionAfterALeftoverKind_andAnswersTheNextRequestAfterTheStrayBytes() {
        HostileRingCentral rc = start(HostileRingCentral.builder());
        try (RawClient client = new RawClient(rc)) {
            client.send(RawClient.get(
                    RawClient.check("ReadMessages"), AnswerKind.DENIAL_THEN_GRANT_RESPONSE.token(), false));
            byte[] denial = client.readResponse();
            client.send(RawClient.get(RawClient.check("ReadMessages"), AnswerKind.DENIED_PLAIN.token(), false));
            byte[] stray = client.readResponse();
            byte[] answer = client.readResponse();

            assertThat(bodyOf(denial)).endsWith("\"successful\":false}");
            assertThat(StrictJudge.permission(stray, "ReadMessages").grant(0))
                    .as("a client that reuses the connection reads the stray grant as its answer")
                    .isTrue();
            assertThat(bodyOf(answer)).endsWith("\"successful\":false}");
        }
        assertThat(rc.connections()).isEqualTo(1);
    }

    @Test
    void countsConnections_andClosesWhenTheClientAsks_orSpeaksHttp10() {
        HostileRingCentral rc = start(HostileRingCentral.builder());
        try (RawClient client = new RawClient(rc)) {
            client.send(RawClient.get(RawClient.check("ReadMessages"), AnswerKind.CANONICAL_GRANT.token(), true));
            assertThat(StrictJudge.permission(client.readToEof(), "ReadMessages")
                            .grant(0))
                    .isTrue();
        }
        try (RawClient client = new RawClient(rc)) {
            client.send("GET " + RawClient.check("HUD") + " HTTP/1.0\r\nAuthorization: Bearer "
                    + AnswerKind.CANONICAL_GRANT.token() + "\r\n\r\n");
            assertThat(StrictJudge.permission(client.readToEof(), "HUD").grant(0))
                    .isTrue();
        }
        assertThat(rc.connections()).isEqualTo(2);
        assertThat(rc.requests()).isEqualTo(2);
    }

    @Test
    void closesAfterAKindThatCloses_evenOnAKeptAliveRequest() {
        HostileRingCentral rc = start(HostileRingCentral.builder());
        for (AnswerKind kind : AnswerKind.values()) {
            if (!kind.has(Trait.CLOSES)) {
                continue;
            }
            try (RawClient client = new RawClient(rc)) {
                client.send(RawClient.get(RawClient.check("ReadMessages"), kind.token(), false));
                client.readToEof(); // fails if the connection stays open
            }
        }
    }

    @Test
    void ownAnswers_forRequestsWithoutAKind() {
        HostileRingCentral rc = start(HostileRingCentral.builder());
        assertThat(text(exchange(rc, RawClient.get(RawClient.check("ReadMessages"), null, true))))
                .startsWith("HTTP/1.1 401 Unauthorized\r\n")
                .contains("AGW-401");
        assertThat(text(exchange(rc, RawClient.get(RawClient.check("ReadMessages"), "t1", true))))
                .startsWith("HTTP/1.1 401 Unauthorized\r\n")
                .contains("AGW-402");
        assertThat(text(exchange(
                        rc,
                        RawClient.get(
                                "/restapi/v1.0/account/~/extension/~/authz-profile",
                                AnswerKind.CANONICAL_GRANT.token(),
                                true))))
                .startsWith("HTTP/1.1 404 Not Found\r\n")
                .contains("CMN-102");
        assertThat(text(exchange(
                        rc,
                        RawClient.get(
                                "/restapi/v1.0/account/~/extension/~/authz-profile/check",
                                AnswerKind.CANONICAL_GRANT.token(),
                                true))))
                .startsWith("HTTP/1.1 400 Bad Request\r\n")
                .contains("CMN-101");
        assertThat(text(exchange(
                        rc,
                        "POST " + RawClient.check("X") + " HTTP/1.1\r\nContent-Length: 2\r\n"
                                + "Connection: close\r\n\r\n{}")))
                .startsWith("HTTP/1.1 405 ");
        assertThat(text(exchange(rc, "NONSENSE\r\n\r\n"))).startsWith("HTTP/1.1 400 ");
        assertThat(rc.served()).isEmpty();
        assertThat(rc.requests()).isEqualTo(5);
    }

    @Test
    void theQueryParameterHostileKind_winsOverTheToken_andSuffixedTokensWork() {
        HostileRingCentral rc = start(HostileRingCentral.builder());
        byte[] wire = exchange(
                rc,
                RawClient.get(
                        RawClient.check("ReadMessages") + "&hostileKind=150",
                        AnswerKind.CANONICAL_GRANT.token(),
                        true));
        assertThat(bodyOf(wire)).endsWith("\"successful\":false}");

        byte[] suffixed = exchange(
                rc, RawClient.get(RawClient.check("ReadMessages"), AnswerKind.CANONICAL_GRANT.token("alice"), true));
        assertThat(StrictJudge.permission(suffixed, "ReadMessages").grant(0)).isTrue();
        assertThat(rc.requests(AnswerKind.DENIED_PLAIN)).isEqualTo(1);
        assertThat(rc.requests(AnswerKind.CANONICAL_GRANT)).isEqualTo(1);
    }

    @Test
    void uriHelpers_pointAtTheTwoEndpoints() {
        HostileRingCentral rc = start(HostileRingCentral.builder());
        assertThat(rc.permissionCheckUri("ReadMessages").toString())
                .isEqualTo(rc.baseUri() + RawClient.check("ReadMessages"));
        assertThat(rc.featuresUri("A", "B").toString()).isEqualTo(rc.baseUri() + RawClient.features(List.of("A", "B")));
        assertThat(rc.baseUri().getHost()).isEqualTo("127.0.0.1");
    }

    /**
     * No stalling kind completes a grant, and with a short stall cap the stand-in ends every one by itself: all of
     * them at once, each read slowly on its own thread until the stand-in closes.
     */
    @Test
    void stallingKinds_neverComplete_andEndAtTheStallCap() throws Exception {
        HostileRingCentral rc = start(HostileRingCentral.builder().stallCap(SHORT_CAP));
        List<AnswerKind> stalling = Stream.of(AnswerKind.values())
                .filter(kind -> kind.has(Trait.STALLS))
                .toList();
        ExecutorService readers = Executors.newFixedThreadPool(stalling.size());
        try {
            List<Future<StrictJudge.Verdict>> verdicts = new ArrayList<>();
            for (AnswerKind kind : stalling) {
                verdicts.add(readers.submit(() -> {
                    try (RawClient client = open(rc, kind)) {
                        return StrictJudge.permission(readSlowlyToEof(client, 32 * 1024 * 1024), "ReadMessages");
                    }
                }));
            }
            for (int i = 0; i < stalling.size(); i++) {
                StrictJudge.Verdict verdict = verdicts.get(i).get(60, TimeUnit.SECONDS);
                assertThat(verdict.grant(0))
                        .as("%s: %s", stalling.get(i), verdict.reason())
                        .isFalse();
            }
        } finally {
            readers.shutdownNow();
        }
        assertThat(rc.served()).hasSize(stalling.size());
        awaitTrue(() -> rc.openConnections() == 0, "the stand-in let go of every connection");
    }

    @Test
    void stallingKinds_writeWhatTheySay() {
        HostileRingCentral rc = start(HostileRingCentral.builder().stallCap(Duration.ofSeconds(20)));
        long sent = System.nanoTime();
        try (RawClient drip = open(rc, AnswerKind.DRIP_BODY);
                RawClient never = open(rc, AnswerKind.NEVER_ANSWERED);
                RawClient headers = open(rc, AnswerKind.HEADERS_NEVER_END);
                RawClient cut = open(rc, AnswerKind.BODY_CUT_IN_UNREAD_IDLE);
                RawClient endless = open(rc, AnswerKind.ENDLESS_CHUNKED)) {
            assertThat(text(drip.readResponseHead())).startsWith("HTTP/1.1 200 OK\r\n");
            assertThat(text(drip.readExactly(3))).isEqualTo("{\"u");
            assertThat(Duration.ofNanos(System.nanoTime() - sent))
                    .as("the third body byte comes two 500 ms pauses after the first")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(1000));

            assertThat(never.readFor(Duration.ofMillis(300))).isEmpty();

            assertThat(text(headers.readUntil("\r\nX-Wait-3: 3\r\n")))
                    .startsWith("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Wait-1: 1\r\n")
                    .doesNotContain("\r\n\r\n");

            String head = text(cut.readResponseHead());
            String body = text(cut.readUntil(",\"future\":{\"a\":[1,{\"x\":"));
            int promised = Integer.parseInt(head.replaceAll("(?s).*Content-Length: ([0-9]+).*", "$1"));
            assertThat(body.length()).isEqualTo(promised - 1000);
            assertThat(cut.readFor(Duration.ofMillis(300))).isEmpty();

            String stream = text(endless.readUpTo(1024 * 1024));
            assertThat(stream.length()).isEqualTo(1024 * 1024);
            assertThat(stream.contains(",\"padding\":\"\r\n2000\r\naaaa")).isTrue();
            assertThat(stream.contains("\r\n0\r\n\r\n")).as("no last chunk").isFalse();
        }
    }

    @Test
    void close_endsEveryConnectionAndThread_promptly() throws Exception {
        HostileRingCentral rc = start(HostileRingCentral.builder());
        List<RawClient> clients = new ArrayList<>();
        try {
            for (AnswerKind kind : List.of(
                    AnswerKind.NEVER_ANSWERED,
                    AnswerKind.DRIP_WHOLE_RESPONSE,
                    AnswerKind.HEADER_FLOOD,
                    AnswerKind.LATE_GRANT_AFTER_DENIAL_2S,
                    AnswerKind.ENDLESS_INTERIM)) {
                clients.add(open(rc, kind));
            }
            awaitTrue(() -> rc.served().size() == 5, "five requests being answered");

            rc.close();

            for (RawClient client : clients) {
                client.readToEof(); // ends: the stand-in closed every connection (a 20 s guard, never reached)
            }
            assertThat(rc.openConnections()).isZero();
            String prefix = "hostile-ringcentral-" + rc.port() + "-";
            awaitTrue(
                    () -> Thread.getAllStackTraces().keySet().stream()
                            .noneMatch(t -> t.isAlive() && t.getName().startsWith(prefix)),
                    "no stand-in thread left");
            assertThatThrownBy(() -> new Socket().connect(new InetSocketAddress("127.0.0.1", rc.port()), 2000))
                    .isInstanceOf(IOException.class);
        } finally {
            clients.forEach(RawClient::close);
        }
    }

    @Test
    void anIdleKeptAliveConnection_isClosedAfterTheIdleTimeout() {
        HostileRingCentral rc = start(HostileRingCentral.builder().idleTimeout(Duration.ofMillis(300)));
        try (RawClient client = new RawClient(rc)) {
            client.send(RawClient.get(RawClient.check("ReadMessages"), AnswerKind.CANONICAL_GRANT.token(), false));
            byte[] wire = client.readToEof();
            assertThat(StrictJudge.permission(wire, "ReadMessages").grant(0)).isTrue();
        }
    }

    @Test
    void builderRejectsNonsense() {
        assertThatThrownBy(() -> HostileRingCentral.builder().stallCap(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HostileRingCentral.builder().idleTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HostileRingCentral.builder().port(70000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HostileRingCentral.builder().build().baseUri())
                .isInstanceOf(IllegalStateException.class);
        HostileRingCentral rc = start(HostileRingCentral.builder());
        assertThatThrownBy(rc::start).isInstanceOf(IllegalStateException.class);
        rc.close();
        rc.close(); // twice is fine
    }

    @Test
    void aTakenPort_failsToStart_andCloseIsStillSafe() {
        HostileRingCentral first = start(HostileRingCentral.builder());
        HostileRingCentral second =
                HostileRingCentral.builder().port(first.port()).build();

        assertThatThrownBy(second::start).isInstanceOf(java.io.UncheckedIOException.class);
        second.close();
    }

    private static RawClient open(HostileRingCentral rc, AnswerKind kind) {
        RawClient client = new RawClient(rc);
        client.send(RawClient.get(RawClient.check("ReadMessages"), kind.token(), false));
        return client;
    }

    private static byte[] exchange(HostileRingCentral rc, String request) {
        try (RawClient client = new RawClient(rc)) {
            return client.send(request).readToEof();
        }
    }

    /**
     * Reads until the stand-in closes, 64 KiB at a time with a pause between reads (so an endless kind writes
     * only as fast as this reads), keeping the first {@code keep} bytes.
     */
    private static byte[] readSlowlyToEof(RawClient client, int keep) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        while (true) {
            byte[] chunk = client.readUpTo(64 * 1024);
            if (out.size() < keep) {
                out.write(chunk, 0, Math.min(chunk.length, keep - out.size()));
            }
            if (chunk.length < 64 * 1024) {
                byte[] rest = client.readToEof();
                if (out.size() < keep) {
                    out.write(rest, 0, Math.min(rest.length, keep - out.size()));
                }
                return out.toByteArray();
            }
            sleep(20);
        }
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("Not within 20 s: " + what);
            }
            sleep(10);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
