package dev.rcguard.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rcguard.Decision.Outcome;
import dev.rcguard.simulator.Endpoint;
import dev.rcguard.simulator.Fault;
import dev.rcguard.simulator.RateLimits;
import dev.rcguard.simulator.RingCentralSimulator;
import dev.rcguard.simulator.hostile.AnswerKind;
import dev.rcguard.simulator.hostile.HostileRingCentral;
import dev.rcguard.spi.Caller;
import dev.rcguard.spi.GuardConfig;
import dev.rcguard.spi.RingCentralClient.Answer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Each cause of trouble as the real client meets it over HTTP (the simulator's faults, the hostile stand-in's broken
 * framing), and the exact line an operator reads; a token never appears in one.
 */
class UpstreamTroubleOverHttpTest {

    static final String TOKEN = "alice-secret-token-Zq81";
    static final String FAIL_CLOSED = "; checks that need it fail closed (503) until it answers";

    final AtomicLong nanos = new AtomicLong(TimeUnit.HOURS.toNanos(3));
    /** Held: java.util.logging keeps loggers weakly, and a new one would have no handler. */
    final Logger logger = Logger.getLogger("dev.rcguard");

    final List<LogRecord> records = new CopyOnWriteArrayList<>();
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (!String.valueOf(record.getLoggerName()).startsWith("dev.rcguard.simulator")) {
                records.add(record);
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void listen() {
        logger.addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        logger.removeHandler(capture);
    }

    List<String> lines() {
        SimpleFormatter formatter = new SimpleFormatter();
        List<String> lines = new ArrayList<>();
        records.forEach(record -> lines.add(record.getLevel() + " " + formatter.formatMessage(record)));
        return lines;
    }

    static GuardConfig config(URI server) {
        return GuardConfig.load(name -> switch (name) {
                    case GuardConfig.READ_TIMEOUT_MS -> "300";
                    case GuardConfig.CONNECT_TIMEOUT_MS -> "500";
                    default -> null;
                })
                .withServerUrl(server);
    }

    HttpRingCentralClient client(URI server) {
        return new HttpRingCentralClient(config(server), (SSLSocketFactory) SSLSocketFactory.getDefault(), nanos::get);
    }

    Answer check(HttpRingCentralClient client, String token) throws Exception {
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(1));
        return client.checkPermission(Caller.of(token), "ReadMessages", null).get(5, TimeUnit.SECONDS);
    }

    @Test
    @Timeout(30)
    void everyCause_overHttp_isItsLine_andRecoveryIsOne() throws Exception {
        try (RingCentralSimulator ringCentral = RingCentralSimulator.builder()
                        .user(u -> u.token(TOKEN).grant("ReadMessages").feature("SMSSending", true))
                        .start();
                HttpRingCentralClient client = client(ringCentral.baseUri())) {
            String url = ringCentral.baseUri().toString();
            ringCentral.inject(Endpoint.PERMISSION_CHECK, Fault.serviceUnavailable());
            assertThat(check(client, TOKEN).decision("ReadMessages").outcome()).isEqualTo(Outcome.UNAVAILABLE);
            ringCentral.inject(Endpoint.PERMISSION_CHECK, Fault.malformedJson());
            assertThat(check(client, TOKEN).decision("ReadMessages").outcome()).isEqualTo(Outcome.UNAVAILABLE);
            ringCentral.inject(Endpoint.PERMISSION_CHECK, Fault.latencyMillis(1_000));
            assertThat(check(client, TOKEN).decision("ReadMessages").outcome()).isEqualTo(Outcome.UNAVAILABLE);
            ringCentral.inject(Endpoint.PERMISSION_CHECK, Fault.dropConnection());
            assertThat(check(client, TOKEN).decision("ReadMessages").outcome()).isEqualTo(Outcome.UNAVAILABLE);
            ringCentral.clearFaults();
            assertThat(check(client, TOKEN).decision("ReadMessages").isGranted())
                    .isTrue();
            // RingCentral's rate limit, spent by "the application's own calls": a 429 with its group
            ringCentral.spend(TOKEN, RateLimits.Group.LIGHT, 50);
            assertThat(check(client, TOKEN).decision("ReadMessages").isRateLimited())
                    .isTrue();

            assertThat(lines())
                    .containsExactly(
                            "WARNING RingCentral answers with server errors at " + url
                                    + ": 1 call failed (HTTP 503; permission checks)" + FAIL_CLOSED,
                            "WARNING RingCentral answers malformed at " + url
                                    + ": 1 call failed (a 200 that is not a readable answer; permission checks)"
                                    + FAIL_CLOSED,
                            "WARNING RingCentral does not answer in time at " + url
                                    + ": 1 call failed (no answer in time: rcguard.connect-timeout-ms=500,"
                                    + " rcguard.read-timeout-ms=300; permission checks)" + FAIL_CLOSED,
                            "WARNING RingCentral unreachable at " + url
                                    + ": 1 call failed (the connection closed before an answer; permission checks)"
                                    + FAIL_CLOSED,
                            "INFO RingCentral answers again at " + url + " after 4 failed calls over 4 s",
                            "WARNING RingCentral at " + url + " rate-limits the guard in group Light: 1 call got a 429"
                                    + " (permission checks). This should not happen: the guard spends at most"
                                    + " rcguard.rate-limit-share=0.5 of each user's budget, so something else spends"
                                    + " more than the rest. Check that every node shares one budget"
                                    + " (rcguard.rate-limit-store=jcache), that no other application or guard uses"
                                    + " these users' tokens, and lower rcguard.rate-limit-share if the application's"
                                    + " own calls need more. The user's checks fail (503) until Retry-After has"
                                    + " passed");
            assertThat(String.join("\n", lines())).doesNotContain(TOKEN);
        }
    }

    @Test
    @Timeout(30)
    void anAnswerThatIsNotStrictHttp_isMalformed_namingTheProblem() throws Exception {
        try (HostileRingCentral hostile = HostileRingCentral.builder()
                        .stallCap(Duration.ofSeconds(2))
                        .start();
                HttpRingCentralClient client = client(hostile.baseUri())) {
            String url = hostile.baseUri().toString();
            check(client, AnswerKind.HTTP_1_0.token());
            check(client, AnswerKind.STATUS_201.token());
            nanos.addAndGet(TimeUnit.MINUTES.toNanos(1));
            check(client, AnswerKind.STATUS_201.token());

            assertThat(lines())
                    .containsExactly(
                            "WARNING RingCentral answers malformed at " + url
                                    + ": 1 call failed (not a strict HTTP/1.1 answer: not an HTTP/1.1 status line;"
                                    + " permission checks)" + FAIL_CLOSED,
                            "WARNING RingCentral answers malformed at " + url
                                    + ": 2 calls failed in the last 61 s (an unexpected HTTP 201; permission checks)"
                                    + FAIL_CLOSED);
        }
    }
}
