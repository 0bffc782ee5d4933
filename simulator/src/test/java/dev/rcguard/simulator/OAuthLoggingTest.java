package dev.rcguard.simulator;

import static dev.rcguard.simulator.OAuthHttp.REDIRECT;
import static dev.rcguard.simulator.OAuthHttp.encode;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class OAuthLoggingTest {
    private static final String SECRET = "s3cret-value-that-must-not-leak";

    @Test
    void noCodeTokenOrSecret_everReachesALogLine() {
        Logger logger = Logger.getLogger("dev.rcguard.simulator");
        Level level = logger.getLevel();
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        logger.setLevel(Level.ALL);
        logger.addHandler(capture);
        List<String> secrets = new ArrayList<>(List.of(SECRET));
        try (RingCentralSimulator simulator = RingCentralSimulator.builder()
                .client("logged-client", SECRET)
                .user(u -> u.login("alice").grant("ReadMessages"))
                .start()) {
            OAuthHttp oauth = new OAuthHttp(simulator);
            HttpResponse<String> redirect = oauth.authorize("response_type=code&client_id=logged-client&redirect_uri="
                    + encode(REDIRECT) + "&login_hint=alice&state=st");
            String code = URI.create(redirect.headers().firstValue("Location").orElseThrow())
                    .getQuery()
                    .split("&")[0]
                    .substring("code=".length());
            secrets.add(code);
            JsonNode first = Http.json(oauth.exchange(code));
            JsonNode second = Http.json(oauth.refresh(first.get("refresh_token").asText()));
            for (JsonNode pair : List.of(first, second)) {
                secrets.add(pair.get("access_token").asText());
                secrets.add(pair.get("refresh_token").asText());
            }
            oauth.refresh(first.get("refresh_token").asText()); // reused: refused
            oauth.token(OAuthHttp.basic("logged-client", "wrong-" + SECRET), OAuthHttp.FORM, "grant_type=x");
            oauth.token("Basic %%%" + SECRET, OAuthHttp.FORM, "grant_type=x");
            oauth.http()
                    .get(Http.check("ReadMessages"), first.get("access_token").asText());
        } finally {
            logger.removeHandler(capture);
            logger.setLevel(level);
        }

        assertThat(records).extracting(LogRecord::getMessage).contains("Token request ({0}) answered {1}");
        for (LogRecord record : records) {
            String text = record.getMessage() + " " + Arrays.toString(record.getParameters()) + " "
                    + (record.getThrown() == null ? "" : record.getThrown().toString());
            for (String secret : secrets) {
                assertThat(text).as("log line %s", record.getMessage()).doesNotContain(secret);
            }
        }
    }
}
