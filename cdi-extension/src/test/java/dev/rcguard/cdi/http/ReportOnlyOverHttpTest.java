package dev.rcguard.cdi.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rcguard.Decision;
import dev.rcguard.simulator.RingCentralSimulator;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** rcguard.mode=report-only over HTTP: the refusal is decided and observed, the resource still answers. */
class ReportOnlyOverHttpTest {

    @Test
    void refusedRequest_isLetThrough_andAudited() throws Exception {
        try (RingCentralSimulator ringCentral =
                RingCentralSimulator.builder().user(u -> u.token("bob")).start()) {
            TestConfig.pointAt(ringCentral, "report-only");
            Invocations.reset();
            AuditLog.EVENTS.clear();
            try (EmbeddedServer server = EmbeddedServer.start(GuardedApplication.class)) {
                HttpResponse<String> response = Http.get(server.uri("/call-log"), "bob");

                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).isEqualTo("2 calls");
            }
            assertThat(Invocations.of("GET /call-log")).isEqualTo(1);
            assertThat(AuditLog.EVENTS).singleElement().satisfies(event -> {
                assertThat(event.endpoint()).isEqualTo("GET /call-log");
                assertThat(event.decision().outcome()).isEqualTo(Decision.Outcome.DENIED);
                assertThat(event.enforced()).isFalse();
            });
        } finally {
            TestConfig.clear();
        }
    }
}
