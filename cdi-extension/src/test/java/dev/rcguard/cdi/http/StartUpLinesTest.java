package dev.rcguard.cdi.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rcguard.simulator.RingCentralSimulator;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the CDI extension and the JAX-RS feature log when an application under a context path and a servlet mapping
 * ({@code /shop} + {@code /api/*}) starts: RingCentral's URL and the mode in every line, each endpoint at deployment,
 * and, with the first protected request, every endpoint with its full path.
 */
class StartUpLinesTest {

    /** Held: java.util.logging keeps loggers weakly, and a new one would have no handler. */
    final Logger logger = Logger.getLogger("dev.rcguard");

    final List<LogRecord> records = new CopyOnWriteArrayList<>();
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (String.valueOf(record.getLoggerName()).equals("dev.rcguard.cdi")
                    && record.getLevel().intValue() >= Level.INFO.intValue()) {
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
        TestConfig.clear();
    }

    List<String> lines() {
        SimpleFormatter formatter = new SimpleFormatter();
        List<String> lines = new ArrayList<>();
        records.forEach(record -> lines.add(record.getLevel() + " " + formatter.formatMessage(record)));
        return lines;
    }

    @ParameterizedTest
    @CsvSource({"enforce", "report-only"})
    void everyLineNamesRingCentralAndTheMode_andTheFirstRequestTellsTheFullPaths(String mode) throws Exception {
        try (RingCentralSimulator ringCentral = RingCentralSimulator.builder()
                .user(u -> u.token("alice").grant("ReadCallLog"))
                .start()) {
            TestConfig.pointAt(ringCentral, mode);
            String url = ringCentral.baseUri().toString();
            String checked = ", checked against " + url + " in " + mode + " mode;"
                    + " the application path is logged with its first request";
            try (EmbeddedServer server = EmbeddedServer.start("/shop", "/api/*", GuardedApplication.class)) {
                List<String> atStartUp = lines();
                assertThat(atStartUp)
                        .filteredOn(line -> line.startsWith("INFO RingCentral guard protects "))
                        .filteredOn(line -> line.contains("<application path>"))
                        .containsExactlyInAnyOrder(
                                "INFO RingCentral guard protects GET <application path>/call-log"
                                        + " (dev.rcguard.cdi.http.CallLogResource#calls): permissions ALL[ReadCallLog]"
                                        + checked,
                                "INFO RingCentral guard protects GET <application path>/messages"
                                        + " (dev.rcguard.cdi.http.MessagesResource#list): permissions ALL[ReadMessages]"
                                        + checked,
                                "INFO RingCentral guard protects GET <application path>/messages/users/{extensionId}"
                                        + " (dev.rcguard.cdi.http.MessagesResource#ofUser): permissions"
                                        + " ALL[ReadMessages] on {extensionId}" + checked,
                                "INFO RingCentral guard protects GET"
                                        + " <application path>/messages/users/{extensionId}/forwarded"
                                        + " (dev.rcguard.cdi.http.MessagesResource#forwarded): permissions"
                                        + " ALL[ReadMessages] on {extensionId}" + checked,
                                "INFO RingCentral guard protects POST <application path>/messages/sms"
                                        + " (dev.rcguard.cdi.http.MessagesResource#send): features ALL[SMSSending]"
                                        + checked,
                                "INFO RingCentral guard protects GET <application path>/messages/async"
                                        + " (dev.rcguard.cdi.http.MessagesResource#async): permissions"
                                        + " ALL[ReadMessages]" + checked,
                                "INFO RingCentral guard protects GET <application path>/messages/suspended"
                                        + " (dev.rcguard.cdi.http.MessagesResource#suspended): permissions"
                                        + " ALL[ReadMessages]" + checked);
                assertThat(atStartUp)
                        .filteredOn(line -> line.contains("bean method(s)"))
                        .singleElement()
                        .asString()
                        .matches("INFO RingCentral guard protects [0-9]+ bean method\\(s\\) against "
                                + java.util.regex.Pattern.quote(url) + " in " + mode + " mode:(\\n  .+)+");
                assertThat(atStartUp).noneMatch(line -> line.contains("JAX-RS application at"));

                for (int i = 0; i < 2; i++) {
                    HttpResponse<String> response = Http.get(server.uri("/shop/api/call-log"), "alice");
                    assertThat(response.statusCode()).isEqualTo(200);
                    assertThat(response.body()).isEqualTo("2 calls");
                }

                assertThat(lines().subList(atStartUp.size(), lines().size()))
                        .containsExactly("INFO RingCentral guard: the JAX-RS application at /shop/api (seen on its"
                                + " first request) has 7 protected endpoint(s), checked against " + url + " in " + mode
                                + " mode:"
                                + "\n  GET /shop/api/call-log needs permissions ALL[ReadCallLog]"
                                + "\n  GET /shop/api/messages needs permissions ALL[ReadMessages]"
                                + "\n  GET /shop/api/messages/async needs permissions ALL[ReadMessages]"
                                + "\n  GET /shop/api/messages/suspended needs permissions ALL[ReadMessages]"
                                + "\n  GET /shop/api/messages/users/{extensionId} needs permissions ALL[ReadMessages]"
                                + " on {extensionId}"
                                + "\n  GET /shop/api/messages/users/{extensionId}/forwarded needs permissions"
                                + " ALL[ReadMessages] on {extensionId}"
                                + "\n  POST /shop/api/messages/sms needs features ALL[SMSSending]");
            }
        }
    }
}
