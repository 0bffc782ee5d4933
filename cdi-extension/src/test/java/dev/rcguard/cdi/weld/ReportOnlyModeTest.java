package dev.rcguard.cdi.weld;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rcguard.Decision;
import dev.rcguard.cdi.GuardExtension;
import dev.rcguard.cdi.http.TestConfig;
import dev.rcguard.simulator.RingCentralSimulator;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/** rcguard.mode=report-only: decide, fire the event and log, but let the call through. */
class ReportOnlyModeTest {

    @Test
    void refusal_isReportedButTheMethodRuns() {
        try (RingCentralSimulator ringCentral =
                RingCentralSimulator.builder().user(u -> u.token("bob")).start()) {
            TestConfig.pointAt(ringCentral, "report-only");
            TestConfig.tokenSource(FixedToken.class);
            FixedToken.token = "bob";
            Audit.EVENTS.clear();
            try (WeldContainer container = new Weld()
                    .disableDiscovery()
                    .addExtension(new GuardExtension())
                    .addBeanClasses(FixedToken.class, Inbox.class, Audit.class)
                    .initialize()) {

                assertThat(container.select(Inbox.class).get().read()).isEqualTo("read");
            }
            assertThat(ringCentral.counters().calls("bob", "ReadMessages")).isEqualTo(1);
            assertThat(Audit.EVENTS).singleElement().satisfies(event -> {
                assertThat(event.decision().outcome()).isEqualTo(Decision.Outcome.DENIED);
                assertThat(event.reasonCode()).isEqualTo("InsufficientPermissions");
                assertThat(event.enforced()).isFalse();
            });
        } finally {
            TestConfig.clear();
        }
    }
}
