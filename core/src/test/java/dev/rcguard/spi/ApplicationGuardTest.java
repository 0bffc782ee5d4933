package dev.rcguard.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rcguard.ConfigurationException;
import dev.rcguard.Decision.Outcome;
import dev.rcguard.Logical;
import dev.rcguard.simulator.RateLimits;
import dev.rcguard.simulator.RingCentralSimulator;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One guard per application, shared by its adapters and closed with the last of them. */
class ApplicationGuardTest {

    RingCentralSimulator ringCentral;
    final Map<String, Object> attributes = new HashMap<>();
    final ApplicationGuard.Attributes application =
            ApplicationGuard.Attributes.of(attributes::get, attributes::put, attributes::remove);
    Function<String, String> contextParams;

    @BeforeEach
    void start() {
        ringCentral = RingCentralSimulator.builder()
                .rateLimits(RateLimits.disabled())
                .user(u -> u.token("alice-token").grant("ReadMessages"))
                .start();
        String url = ringCentral.baseUri().toString();
        contextParams = name -> GuardConfig.SERVER_URL.equals(name) ? url : null;
    }

    @AfterEach
    void stop() {
        ringCentral.close();
    }

    @Test
    void adaptersOfOneApplicationShareOneGuard_whateverTheirModes() {
        try (ApplicationGuard.Lease filter = ApplicationGuard.acquire(
                        application, contextParams, Map.of(GuardConfig.MODE, "report-only")::get);
                ApplicationGuard.Lease cdi = ApplicationGuard.acquire(application, contextParams, name -> null)) {
            assertThat(filter.guard()).isSameAs(cdi.guard());
            assertThat(filter.config().mode()).isEqualTo(GuardConfig.Mode.REPORT_ONLY);
            assertThat(cdi.config().mode()).isEqualTo(GuardConfig.Mode.ENFORCE);
            assertThat(cdi.guard().config().serverUrl()).isEqualTo(ringCentral.baseUri());
        }
    }

    @Test
    void theLastLeaseClosesTheGuard_andTheApplicationForgetsIt() {
        ApplicationGuard.Lease first = ApplicationGuard.acquire(application, contextParams, name -> null);
        ApplicationGuard.Lease second = ApplicationGuard.acquire(application, contextParams, name -> null);
        PermissionGuard guard = first.guard();
        assertThat(check(guard)).isEqualTo(Outcome.GRANTED);

        first.close();
        first.close(); // idempotent: one adapter cannot release another's hold
        assertThat(check(guard)).isEqualTo(Outcome.GRANTED);

        second.close();
        assertThat(check(guard)).isEqualTo(Outcome.UNAVAILABLE);
        assertThat(attributes).isEmpty();
        assertThat(clientThreads()).as("client threads left after close").isZero();

        try (ApplicationGuard.Lease again = ApplicationGuard.acquire(application, contextParams, name -> null)) {
            assertThat(again.guard()).isNotSameAs(guard);
            assertThat(check(again.guard())).isEqualTo(Outcome.GRANTED);
        }
    }

    @Test
    void anAdapterSettingThatDisagreesWithTheApplicationFails_namingWhereToSetIt() {
        try (ApplicationGuard.Lease cdi = ApplicationGuard.acquire(application, contextParams, name -> null)) {
            assertThatThrownBy(() -> ApplicationGuard.acquire(
                            application, contextParams, Map.of(GuardConfig.READ_TIMEOUT_MS, "700")::get))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("rcguard.read-timeout-ms is 700 here but 5000 for the application")
                    .hasMessageContaining("<context-param>");
            assertThat(check(cdi.guard())).isEqualTo(Outcome.GRANTED);
        }
    }

    @Test
    void anAdapterSettingEqualToTheApplicationsIsAccepted() {
        String url = ringCentral.baseUri().toString();
        try (ApplicationGuard.Lease filter =
                ApplicationGuard.acquire(application, contextParams, Map.of(GuardConfig.SERVER_URL, url)::get)) {
            assertThat(check(filter.guard())).isEqualTo(Outcome.GRANTED);
        }
    }

    @Test
    void theFirstAdapterWithABadSettingLeavesNoGuardBehind() {
        assertThatThrownBy(() -> ApplicationGuard.acquire(
                        application, contextParams, Map.of(GuardConfig.MAX_CONCURRENT_CALLS, "7")::get))
                .isInstanceOf(ConfigurationException.class);

        assertThat(attributes).isEmpty();
    }

    private static Outcome check(PermissionGuard guard) {
        return guard.check(
                        Caller.of("alice-token"),
                        Requirement.permissions(Logical.ALL, "ReadMessages"),
                        null,
                        RequestMemo.create())
                .outcome();
    }

    /** Threads of the library's client still alive, after a bounded wait for them to end. */
    private static long clientThreads() {
        long deadline = System.nanoTime() + 5_000_000_000L;
        long alive;
        do {
            alive = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("rcguard-") && t.isAlive())
                    .count();
            if (alive > 0) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return alive;
                }
            }
        } while (alive > 0 && System.nanoTime() < deadline);
        return alive;
    }
}
