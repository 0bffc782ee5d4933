package dev.rcguard.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rcguard.simulator.RingCentralSimulator;
import dev.rcguard.spi.GuardConfig;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Starting the demo: a taken port, and a RingCentral other than the built-in simulator. */
class DemoStartupTest {

    @Test
    void aTakenPortIsReportedInOneLine_andNothingIsLeftConfigured() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> Demo.start(new DemoOptions(port, null)))
                    .isInstanceOf(PortInUseException.class)
                    .hasMessage("Port " + port + " is already in use; start with --port N (with Maven: -Ddemo.port=N)");
        }
        assertThat(System.getProperty(GuardConfig.SERVER_URL)).isNull();
    }

    @Test
    void aConfiguredServerIsAskedWithTheCallersOwnToken_andNoSimulatorStarts() throws Exception {
        try (RingCentralSimulator elsewhere = RingCentralSimulator.builder()
                        .user(u -> u.token("my-own-token").grant("ReadMessages"))
                        .start();
                Demo demo = Demo.start(new DemoOptions(0, elsewhere.baseUri()))) {
            DemoCase messages = new DemoCase("mine", "you", "my-own-token", "GET", "/api/messages", null, 200, "200");

            HttpResponse<String> response = Http.send(demo.baseUri(), messages);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(elsewhere.counters().callsWithToken("my-own-token")).isEqualTo(1);
            assertThat(demo.simulator()).isEmpty();
            assertThat(Http.json(Http.get(demo.baseUri().resolve("/demo/users")))
                            .asJsonArray())
                    .isEmpty();
            assertThat(Http.object(Http.get(demo.baseUri().resolve("/demo/counters")))
                            .getBoolean("simulated"))
                    .isFalse();
            assertThat(demo.cases()).allSatisfy(c -> assertThat(c.token()).isIn(DemoCases.OWN_TOKEN, null));
            assertThat(Banner.of(demo)).contains("RingCentral: " + elsewhere.baseUri() + " (real;");
            // signing in needs the simulator's OAuth client: no application at /session
            assertThat(demo.signInEnabled()).isFalse();
            assertThat(Http.get(demo.baseUri().resolve("/session/login?user=alice"))
                            .statusCode())
                    .isEqualTo(404);
            assertThat(Banner.of(demo)).doesNotContain("/session");
        }
    }
}
