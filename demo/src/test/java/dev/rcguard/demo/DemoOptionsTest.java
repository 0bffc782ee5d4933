package dev.rcguard.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoOptionsTest {

    @Test
    void defaultsToPort8080AndTheSimulator() {
        DemoOptions options = DemoOptions.parse(new String[0], name -> null);

        assertThat(options).isEqualTo(new DemoOptions(8080, null));
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
    }
}
