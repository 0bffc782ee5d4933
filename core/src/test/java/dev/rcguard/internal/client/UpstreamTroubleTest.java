package dev.rcguard.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rcguard.Decision;
import dev.rcguard.Decision.Kind;
import dev.rcguard.Reason;
import dev.rcguard.spi.GuardConfig;
import dev.rcguard.spi.RingCentralClient.Answer;
import dev.rcguard.spi.RingCentralClient.RateLimit;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.text.MessageFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The operator's lines, with a clock moved by hand: minutes of trouble in milliseconds, every line exact. */
class UpstreamTroubleTest {

    static final String URL = "http://127.0.0.1:18601";
    static final GuardConfig CONFIG = GuardConfig.load(name -> null).withServerUrl(URI.create(URL));

    static final String UNREACHABLE = "WARNING RingCentral unreachable at " + URL + ": ";
    static final String SERVER_ERRORS = "WARNING RingCentral answers with server errors at " + URL + ": ";
    static final String FAIL_CLOSED = "; checks that need it fail closed (503) until it answers";

    final AtomicLong nanos = new AtomicLong(TimeUnit.HOURS.toNanos(5)); // any origin: only differences count
    final List<String> lines = new ArrayList<>();
    final UpstreamTrouble trouble = new UpstreamTrouble(CONFIG, nanos::get, new Recorder(lines));

    void at(long seconds) {
        atMillis(seconds * 1000);
    }

    void atMillis(long millis) {
        nanos.set(TimeUnit.HOURS.toNanos(5) + TimeUnit.MILLISECONDS.toNanos(millis));
    }

    static Answer answer(Decision decision) {
        return Answer.only(List.of("ReadMessages"), decision);
    }

    static Answer granted() {
        return answer(Decision.granted());
    }

    static Answer rateLimited(String group) {
        return new Answer(
                Map.of(
                        "ReadMessages",
                        Decision.rateLimited(new Reason("CMN-301", "Request rate exceeded"), Duration.ofSeconds(60))),
                new RateLimit(group, 50, 0, Duration.ofSeconds(60)),
                null);
    }

    @Test
    void twoMinutesDown_atFiftyCallsASecondPerCause_isAtMostThreeWarningsPerCause_andOneLineWhenItAnswersAgain() {
        // 0 s to 120 s, every 20 ms: a refused connection for a permission check and a 503 for features
        for (int i = 0; i <= 6000; i++) {
            atMillis(i * 20L);
            trouble.failed(Kind.PERMISSION, new ConnectException("Connection refused"));
            trouble.answered(Kind.FEATURE, 503, answer(Decision.unavailable(new Reason("CMN-201", "down"))));
        }
        at(121);
        trouble.answered(Kind.PERMISSION, 200, granted());
        at(122);
        trouble.answered(Kind.PERMISSION, 200, granted());

        assertThat(lines)
                .containsExactly(
                        UNREACHABLE + "1 call failed (connection refused; permission checks)" + FAIL_CLOSED,
                        SERVER_ERRORS + "1 call failed (HTTP 503; features)" + FAIL_CLOSED,
                        UNREACHABLE + "3000 calls failed in the last 60 s (connection refused; permission checks)"
                                + FAIL_CLOSED,
                        SERVER_ERRORS + "3000 calls failed in the last 60 s (HTTP 503; features)" + FAIL_CLOSED,
                        UNREACHABLE + "3000 calls failed in the last 60 s (connection refused; permission checks)"
                                + FAIL_CLOSED,
                        SERVER_ERRORS + "3000 calls failed in the last 60 s (HTTP 503; features)" + FAIL_CLOSED,
                        "INFO RingCentral answers again at " + URL + " after 12002 failed calls over 121 s");
        // 1 + 3000 + 3000 per cause: every one of the 2 x 6001 calls is counted once
    }

    @Test
    void callsThatFailedAfterTheLastWarning_areCountedWhenItAnswersAgain() {
        for (int i = 0; i < 6000; i++) { // 0 s to 119.98 s: no call at 120 s, so no third warning
            atMillis(i * 20L);
            trouble.failed(Kind.PERMISSION, new ConnectException("Connection refused"));
        }
        at(120);
        trouble.answered(
                Kind.PERMISSION,
                403,
                answer(Decision.denied(Kind.PERMISSION, "ReadMessages", new Reason("InsufficientPermissions", "no"))));

        assertThat(lines)
                .containsExactly(
                        UNREACHABLE + "1 call failed (connection refused; permission checks)" + FAIL_CLOSED,
                        UNREACHABLE + "3000 calls failed in the last 60 s (connection refused; permission checks)"
                                + FAIL_CLOSED,
                        "INFO RingCentral answers again at " + URL
                                + " after 6000 failed calls over 120 s; 2999 failed since the last warning");
    }

    @Test
    void aTroubleNotWarnedOf_endsSilently_andItsCallsAreCountedInTheNextWarning() {
        at(0);
        trouble.failed(Kind.PERMISSION, new ConnectException("Connection refused"));
        at(1);
        trouble.answered(Kind.PERMISSION, 200, granted()); // the warned trouble ends: one line
        for (int second = 10; second < 50; second += 10) { // flapping within the minute: no line at all
            at(second);
            trouble.failed(Kind.FEATURE, new ConnectException("Connection refused"));
            at(second + 1);
            trouble.answered(Kind.FEATURE, 200, granted());
        }
        at(70);
        trouble.failed(Kind.PERMISSION, new UnknownHostException("platform.ringcentral.com"));

        assertThat(lines)
                .containsExactly(
                        UNREACHABLE + "1 call failed (connection refused; permission checks)" + FAIL_CLOSED,
                        "INFO RingCentral answers again at " + URL + " after 1 failed call over 1 s",
                        UNREACHABLE + "5 calls failed in the last 60 s (unknown host; permission checks and features)"
                                + FAIL_CLOSED);
    }

    @Test
    void eachCause_hasItsOwnLine_namingWhatFailed() {
        at(0);
        trouble.failed(Kind.PERMISSION, new SocketTimeoutException("Read timed out"));
        trouble.failed(Kind.FEATURE, new EOFException("the connection closed before an answer"));
        trouble.answered(Kind.PERMISSION, 200, answer(Decision.unavailable(new Reason("InvalidResponse", "x"))));
        trouble.answered(Kind.FEATURE, 502, answer(Decision.unavailable(new Reason("HTTP 502", "x"))));
        at(30); // RingCentral answering, even with a refusal or a rejected token, is no trouble
        trouble.answered(Kind.PERMISSION, 401, answer(Decision.invalidToken(new Reason("OAU-128", "expired"))));
        at(60);
        trouble.answered(Kind.FEATURE, 302, answer(Decision.unavailable(new Reason("HTTP 302", "x"))));
        at(61);
        trouble.answered(Kind.FEATURE, 200, granted());

        assertThat(lines)
                .containsExactly(
                        "WARNING RingCentral does not answer in time at " + URL + ": 1 call failed (no answer in time:"
                                + " rcguard.connect-timeout-ms=2000, rcguard.read-timeout-ms=5000; permission checks)"
                                + FAIL_CLOSED,
                        UNREACHABLE + "1 call failed (the connection closed before an answer; features)" + FAIL_CLOSED,
                        "WARNING RingCentral answers malformed at " + URL
                                + ": 1 call failed (a 200 that is not a readable answer; permission checks)"
                                + FAIL_CLOSED,
                        SERVER_ERRORS + "1 call failed (HTTP 502; features)" + FAIL_CLOSED,
                        "INFO RingCentral answers again at " + URL + " after 4 failed calls over 30 s",
                        "WARNING RingCentral answers malformed at " + URL
                                + ": 1 call failed (an unexpected HTTP 302; features)" + FAIL_CLOSED,
                        "INFO RingCentral answers again at " + URL + " after 1 failed call over 1 s");
    }

    @Test
    void a429_warnsAtMostOnceAMinutePerGroup_sayingItShouldNotHappenAndWhatToCheck() {
        String advice = ". This should not happen: the guard spends at most rcguard.rate-limit-share=0.5 of each"
                + " user's budget, so something else spends more than the rest. Check that every node shares one"
                + " budget (rcguard.rate-limit-store=jcache), that no other application or guard uses these users'"
                + " tokens, and lower rcguard.rate-limit-share if the application's own calls need more. The user's"
                + " checks fail (503) until Retry-After has passed";
        for (int second = 0; second <= 120; second += 5) {
            at(second);
            trouble.answered(Kind.PERMISSION, 429, rateLimited("Light"));
        }
        at(30);
        trouble.answered(Kind.FEATURE, 429, rateLimited("Medium"));

        String light = "WARNING RingCentral at " + URL + " rate-limits the guard in group Light: ";
        assertThat(lines)
                .containsExactly(
                        light + "1 call got a 429 (permission checks)" + advice,
                        light + "12 calls got a 429 in the last 55 s (permission checks)" + advice,
                        light + "12 calls got a 429 in the last 55 s (permission checks)" + advice,
                        "WARNING RingCentral at " + URL
                                + " rate-limits the guard in group Medium: 1 call got a 429 (features)" + advice);
    }

    /** Records "LEVEL message" as java.util.logging would format it. */
    record Recorder(List<String> lines) implements System.Logger {
        @Override
        public String getName() {
            return "dev.rcguard";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            lines.add(name(level) + " " + msg);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            lines.add(name(level) + " "
                    + (params == null || params.length == 0 ? format : MessageFormat.format(format, params)));
        }

        @Override
        public void log(Level level, Supplier<String> supplier) {
            lines.add(name(level) + " " + supplier.get());
        }

        private static String name(Level level) {
            return level == Level.WARNING ? "WARNING" : level.getName();
        }
    }
}
