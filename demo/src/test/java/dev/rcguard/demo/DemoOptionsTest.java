package dev.rcguard.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoOptionsTest {

    @Test
    void defaultsToPort8080AndTheSimulator() {
        DemoOptions options = DemoOptions.parse(new String[0], name -> null);

        assertThat(options).isEqualTo(new DemoOptions(8080, null));
        assertThat(options.tokenLifetime()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void readsTheLifetimeOfTheAccessTokensOfASignIn() {
        DemoOptions options =
                DemoOptions.parse(new String[] {"--token-lifetime", "120", "--port", "9090"}, name -> null);

        assertThat(options).isEqualTo(new DemoOptions(9090, null, Duration.ofSeconds(120)));
        assertThat(DemoOptions.simulatorOnFreePort().withTokenLifetime(Duration.ofSeconds(3)))
                .isEqualTo(new DemoOptions(0, null, Duration.ofSeconds(3)));
    }

    @Test
    void readsThePort() {
        assertThat(DemoOptions.parse(new String[] {"--port", "9090"}, name -> null)
                        .port())
                .isEqualTo(9090);
    }

    @Test
    void readsARealRingCentralFromTheEnvironment() {
        DemoOptions options =
                DemoOptions.parse(new String[0], Map.of("RCGUARD_SERVER_URL", "https://platform.ringcentral.com")::get);

        assertThat(options.realServer()).isEqualTo(URI.create("https://platform.ringcentral.com"));
    }

    @Test
    void refusesUnknownArgumentsAndBadPorts() {
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--verbose"}, name -> null))
                .hasMessage("Unknown or incomplete argument: --verbose");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--port"}, name -> null))
                .hasMessage("Unknown or incomplete argument: --port");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--port", "x"}, name -> null))
                .hasMessage("--port must be a number, was 'x'");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--port", "70000"}, name -> null))
                .hasMessage("--port must be between 0 and 65535, was 70000");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--token-lifetime"}, name -> null))
                .hasMessage("Unknown or incomplete argument: --token-lifetime");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--token-lifetime", "soon"}, name -> null))
                .hasMessage("--token-lifetime must be a number, was 'soon'");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--token-lifetime", "0"}, name -> null))
                .hasMessage("--token-lifetime must be between 1 and 86400 seconds, was 0");
        assertThatThrownBy(() -> new DemoOptions(0, null, Duration.ofDays(2)))
                .hasMessage("--token-lifetime must be between 1 and 86400 seconds, was 172800");
    }
}
