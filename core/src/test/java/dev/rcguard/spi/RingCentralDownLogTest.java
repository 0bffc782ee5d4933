package dev.rcguard.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rcguard.Decision;
import dev.rcguard.Logical;
import dev.rcguard.internal.client.HttpRingCentralClient;
import dev.rcguard.simulator.RingCentralSimulator;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What an operator reads when RingCentral is down: the guard's real client against a port nothing listens on, under
 * load from 8 threads, for 2 minutes of a clock the load itself moves (10 ms per check), then the simulator started on
 * that port. Real time: a few seconds.
 */
class RingCentralDownLogTest {

    static final int PORT = 18637;
    static final String URL = "http://127.0.0.1:" + PORT;
    static final Requirement READ_MESSAGES = Requirement.permissions(Logical.ALL, "ReadMessages");
    static final List<String> TOKENS = IntStream.range(0, 64)
            .mapToObj(i -> "down-secret-token-" + i + "-x9Fq2")
            .toList();
    static final String FRESH_TOKEN = "back-secret-token-x9Fq2";

    static final long START = TimeUnit.HOURS.toNanos(7);
    static final long TWO_MINUTES = TimeUnit.MINUTES.toNanos(2);
    static final long STEP = TimeUnit.MILLISECONDS.toNanos(10);

    static final String WARNING_LEAD = "RingCentral unreachable at " + URL + ": ";
    static final String FAIL_CLOSED = "; checks that need it fail closed (503) until it answers";
    static final Pattern LATER_WARNING = Pattern.compile(Pattern.quote(WARNING_LEAD)
            + "([0-9]+) calls failed in the last ([0-9]+) s \\(connection refused; permission checks\\)"
            + Pattern.quote(FAIL_CLOSED));
    static final Pattern ANSWERS_AGAIN =
            Pattern.compile(Pattern.quote("RingCentral answers again at " + URL + " after ")
                    + "([0-9]+) failed calls over ([0-9]+) s(?:; ([0-9]+) failed since the last warning)?");

    final AtomicLong nanos = new AtomicLong(START);
    /** Held: java.util.logging keeps loggers weakly, and a new one would have no handler. */
    final Logger logger = Logger.getLogger("dev.rcguard");

    final List<LogRecord> records = new CopyOnWriteArrayList<>();
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (!String.valueOf(record.getLoggerName()).startsWith("dev.rcguard.simulator")) { // the guard's only
                records.add(record);
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    final Formatter formatter = new SimpleFormatter();

    @BeforeEach
    void listen() {
        logger.addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        logger.removeHandler(capture);
    }

    /** {@code LEVEL message}, as an operator's log shows it. */
    List<String> lines(Level atLeast) {
        List<String> lines = new ArrayList<>();
        for (LogRecord record : records) {
            if (record.getLevel().intValue() >= atLeast.intValue()) {
                lines.add(record.getLevel() + " " + formatter.formatMessage(record));
            }
        }
        return lines;
    }

    @Test
    @Timeout(60)
    void ringCentralDownForTwoMinutesUnderLoad_isABoundedNumberOfWarnings_andOneLineWhenItComesBack() throws Exception {
        assertNothingListens();
        GuardConfig config = GuardConfig.load(name -> switch (name) {
                    case GuardConfig.CONNECT_TIMEOUT_MS -> "500";
                    case GuardConfig.READ_TIMEOUT_MS -> "1000";
                    default -> null;
                })
                .withServerUrl(URI.create(URL));
        HttpRingCentralClient client =
                new HttpRingCentralClient(config, (SSLSocketFactory) SSLSocketFactory.getDefault(), nanos::get);
        try (PermissionGuard guard = new PermissionGuard(client, config, () -> nanos.get() / 1_000_000)) {
            long realStart = System.nanoTime();
            ExecutorService load = Executors.newFixedThreadPool(8);
            List<Future<Integer>> threads = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                threads.add(load.submit(() -> {
                    int refused = 0;
                    while (nanos.get() - START < TWO_MINUTES) {
                        String token = TOKENS.get(ThreadLocalRandom.current().nextInt(TOKENS.size()));
                        Verdict verdict = guard.enforce(
                                "GET /messages",
                                READ_MESSAGES,
                                Caller.of(token),
                                null,
                                RequestMemo.create(),
                                GuardConfig.Mode.ENFORCE);
                        assertThat(verdict.proceeds()).isFalse();
                        assertThat(ProblemRenderer.render(verdict.decision()).status())
                                .isEqualTo(503);
                        refused++;
                        nanos.addAndGet(STEP);
                    }
                    return refused;
                }));
            }
            int refused = 0;
            for (Future<Integer> thread : threads) {
                refused += thread.get(50, TimeUnit.SECONDS);
            }
            load.shutdown();
            long failedCalls = guard.economy().liveCalls();
            long realMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - realStart);

            // 2 minutes of refusals: 12,000 checks, of which the economy sent its share of 64 users' budgets
            assertThat(refused).isGreaterThanOrEqualTo(12_000);
            assertThat(failedCalls).isBetween(500L, (long) refused);
            List<String> warnings = lines(Level.WARNING);
            assertThat(warnings).hasSizeBetween(2, 3); // one at once, one a minute after, one at 2 minutes at most
            assertThat(warnings.get(0))
                    .isEqualTo("WARNING " + WARNING_LEAD + "1 call failed (connection refused; permission checks)"
                            + FAIL_CLOSED);
            long warned = 1;
            for (String later : warnings.subList(1, warnings.size())) {
                Matcher line = LATER_WARNING.matcher(later.substring("WARNING ".length()));
                assertThat(line.matches()).as(later).isTrue();
                warned += Long.parseLong(line.group(1));
                assertThat(Long.parseLong(line.group(2))).isBetween(59L, 61L);
            }
            assertThat(lines(Level.INFO)).hasSameSizeAs(warnings); // nothing else was said

            // RingCentral comes back on the same port: the first answer is one line, the next none
            try (RingCentralSimulator ringCentral = RingCentralSimulator.builder()
                    .port(PORT)
                    .user(u -> u.token(FRESH_TOKEN).grant("ReadMessages"))
                    .start()) {
                nanos.addAndGet(TimeUnit.SECONDS.toNanos(1));
                for (int i = 0; i < 2; i++) {
                    Verdict verdict = guard.enforce(
                            "GET /messages",
                            READ_MESSAGES,
                            Caller.of(FRESH_TOKEN),
                            null,
                            RequestMemo.create(),
                            GuardConfig.Mode.ENFORCE);
                    assertThat(verdict.decision()).isEqualTo(Decision.granted());
                }
                assertThat(ringCentral.counters().total()).isEqualTo(2);
            }
            List<String> all = lines(Level.INFO);
            assertThat(all).hasSize(warnings.size() + 1);
            String back = all.get(all.size() - 1);
            assertThat(back).startsWith("INFO ");
            Matcher line = ANSWERS_AGAIN.matcher(back.substring("INFO ".length()));
            assertThat(line.matches()).as(back).isTrue();
            assertThat(Long.parseLong(line.group(1))).isEqualTo(failedCalls);
            assertThat(Long.parseLong(line.group(2))).isBetween(120L, 122L);
            long since = line.group(3) == null ? 0 : Long.parseLong(line.group(3));
            assertThat(warned + since).isEqualTo(failedCalls); // every failed call counted once

            // Never a token, in any line of the whole run
            for (LogRecord record : records) {
                String text = formatter.formatMessage(record) + " " + record.getThrown();
                for (String token : TOKENS) {
                    assertThat(text).doesNotContain(token);
                }
                assertThat(text).doesNotContain(FRESH_TOKEN);
            }
            assertThat(realMillis).isLessThan(30_000);
        }
    }

    private static void assertNothingListens() {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress("127.0.0.1", PORT), 1_000);
            socket.close();
            throw new AssertionError("something listens on 127.0.0.1:" + PORT + "; the test needs it free");
        } catch (ConnectException expected) {
            // refused: RingCentral is down
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
