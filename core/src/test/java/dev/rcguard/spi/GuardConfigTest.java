package dev.rcguard.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rcguard.ConfigurationException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GuardConfigTest {

    static GuardConfig load(Map<String, String> values) {
        return GuardConfig.load(values::get);
    }

    @Test
    void defaultsToProductionRingCentralAndEnforcement() {
        GuardConfig config = load(Map.of());
        assertThat(config.serverUrl()).isEqualTo(URI.create("https://platform.ringcentral.com"));
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofMillis(2_000));
        assertThat(config.readTimeout()).isEqualTo(Duration.ofMillis(5_000));
        assertThat(config.mode()).isEqualTo(GuardConfig.Mode.ENFORCE);
        assertThat(config.coalesceInFlight()).isTrue();
        assertThat(config.maxConcurrentCalls()).isEqualTo(256);
    }

    @Test
    void readsEveryName() {
        GuardConfig config = load(Map.of(
                "rcguard.server-url", "http://127.0.0.1:8089",
                "rcguard.connect-timeout-ms", "100",
                "rcguard.read-timeout-ms", "200",
                "rcguard.mode", "report-only",
                "rcguard.coalesce-in-flight", "false",
                "rcguard.max-concurrent-calls", "8",
                "rcguard.rate-limit-share", "0.25",
                "rcguard.max-decision-age-ms", "0",
                "rcguard.client-id", "app-1",
                "rcguard.client-secret", "s3cr3t!"));
        assertThat(config)
                .isEqualTo(new GuardConfig(
                        URI.create("http://127.0.0.1:8089"),
                        Duration.ofMillis(100),
                        Duration.ofMillis(200),
                        GuardConfig.Mode.REPORT_ONLY,
                        false,
                        8,
                        0.25,
                        Duration.ZERO,
                        GuardConfig.Store.MEMORY,
                        null,
                        null,
                        "header",
                        new GuardConfig.OAuthClient("app-1", "s3cr3t!")));
        assertThat(config.toString()).contains("rcguard.client-id=app-1").doesNotContain("s3cr3t");
        assertThat(config.oauthClient().toString()).doesNotContain("s3cr3t");
    }

    @ParameterizedTest
    @CsvSource({"app-1,,rcguard.client-secret", ",s3cr3t,rcguard.client-id", "'app 1',s3cr3t,rcguard.client-id"})
    void theClientIdAndSecretComeTogether_andWellFormed(String id, String secret, String blamed) {
        Map<String, String> settings = new HashMap<>();
        if (id != null) {
            settings.put("rcguard.client-id", id);
        }
        if (secret != null) {
            settings.put("rcguard.client-secret", secret);
        }
        assertThatThrownBy(() -> load(settings))
                .isInstanceOf(ConfigurationException.class)
                .satisfies(e -> assertThat(((ConfigurationException) e).key()).isEqualTo(blamed))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t"));
    }

    @Test
    void overridesWinOverSystemProperties() {
        System.setProperty("rcguard.read-timeout-ms", "1234");
        try {
            assertThat(load(Map.of()).readTimeout()).isEqualTo(Duration.ofMillis(1234));
            assertThat(load(Map.of("rcguard.read-timeout-ms", "99")).readTimeout())
                    .isEqualTo(Duration.ofMillis(99));
        } finally {
            System.clearProperty("rcguard.read-timeout-ms");
        }
    }

    @ParameterizedTest
    @CsvSource({
        "http://localhost:8089",
        "http://127.0.0.1",
        "http://127.5.6.7:1",
        "http://[::1]:8089",
        "https://platform.devtest.ringcentral.com"
    })
    void acceptsHttpsAndLoopbackHttp(String url) {
        assertThat(load(Map.of("rcguard.server-url", url)).serverUrl()).isEqualTo(URI.create(url));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "rcguard.server-url|http://platform.ringcentral.com|must use https unless the host is loopback",
                "rcguard.server-url|http://10.0.0.1|must use https unless the host is loopback",
                // 'cafe' resolves to 127.0.0.1 in this test's hosts file: a name is never resolved, only literals read
                "rcguard.server-url|http://cafe:8089|must use https unless the host is loopback",
                "rcguard.server-url|http://127.0.0.1.example.com|must use https unless the host is loopback",
                "rcguard.server-url|ftp://platform.ringcentral.com|must be an absolute http(s) URL",
                "rcguard.server-url|https://user:pw@platform.ringcentral.com|must not carry user info",
                "rcguard.server-url|not a url|is not a URL",
                "rcguard.connect-timeout-ms|soon|must be a whole number",
                "rcguard.read-timeout-ms|0|must be between 1 and 600000",
                "rcguard.mode|enforcing|must be enforce or report-only",
                "rcguard.coalesce-in-flight|yes|must be true or false",
                "rcguard.max-concurrent-calls|0|must be between 1 and 4096"
            })
    void aBadValueFailsNamingItsKey(String key, String value, String problem) {
        assertThatThrownBy(() -> load(Map.of(key, value)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(key)
                .hasMessageContaining(problem)
                .extracting(e -> ((ConfigurationException) e).key())
                .isEqualTo(key);
    }
}
