package dev.rcguard.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rcguard.testkit.fixtures.FinalField;
import dev.rcguard.testkit.fixtures.GuardForgetsBetweenTests;
import dev.rcguard.testkit.fixtures.Observed;
import dev.rcguard.testkit.fixtures.PerTestRegistration;
import dev.rcguard.testkit.fixtures.RecordsItsSimulator;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The kit's lifecycle, seen from outside: fixture classes (in {@code fixtures}, named so that the build does not run
 * them on their own) run through the JUnit launcher, and what they observed is checked once they have finished.
 */
class LifecycleTest {

    private static final String SERVER_URL = "rcguard.server-url";
    private static final String BEFORE = "http://127.0.0.1:9";

    @BeforeEach
    void start() {
        Observed.VALUES.clear();
        System.setProperty(SERVER_URL, BEFORE);
    }

    @AfterEach
    void restore() {
        System.clearProperty(SERVER_URL);
    }

    static TestExecutionSummary run(Class<?> fixture) {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create()
                .execute(
                        LauncherDiscoveryRequestBuilder.request()
                                .selectors(DiscoverySelectors.selectClass(fixture))
                                .build(),
                        listener);
        return listener.getSummary();
    }

    @Test
    void anApplicationsGuard_forgetsItsRateLimitStateBeforeEachTest() {
        TestExecutionSummary summary = run(GuardForgetsBetweenTests.class);

        assertThat(summary.getFailures()).isEmpty();
        assertThat(summary.getTestsSucceededCount()).isEqualTo(2);
        assertThat(Observed.VALUES).containsExactly("first test done", "second test done");
    }

    @Test
    void afterTheClass_theSimulatorIsStopped_andThePropertyHasItsEarlierValue() {
        TestExecutionSummary summary = run(RecordsItsSimulator.class);

        assertThat(summary.getTestsSucceededCount()).isEqualTo(1);
        URI simulator = (URI) Observed.VALUES.get(0);
        assertThat(Observed.VALUES.get(1)).isEqualTo(simulator.toString());
        assertThat(System.getProperty(SERVER_URL)).isEqualTo(BEFORE);
        assertThatThrownBy(() -> Http.get(simulator.resolve("/restapi/v1.0"), null))
                .isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(ConnectException.class);
    }

    @Test
    void withoutAnEarlierValue_thePropertyIsClearedAfterTheClass() {
        System.clearProperty(SERVER_URL);

        run(RecordsItsSimulator.class);

        assertThat(System.getProperty(SERVER_URL)).isNull();
    }

    @Test
    void registeredInAnInstanceField_eachTestHasASimulatorOfItsOwn() {
        TestExecutionSummary summary = run(PerTestRegistration.class);

        assertThat(summary.getTestsSucceededCount()).isEqualTo(2);
        SimulatedRingCentral first = (SimulatedRingCentral) Observed.VALUES.get(0);
        SimulatedRingCentral second = (SimulatedRingCentral) Observed.VALUES.get(2);
        assertThat(second).isNotSameAs(first);
        assertThat(Observed.VALUES.get(1)).isEqualTo(first.baseUri().toString());
        assertThat(Observed.VALUES.get(3)).isEqualTo(second.baseUri().toString());
        assertThat(System.getProperty(SERVER_URL)).isEqualTo(BEFORE);
    }

    @Test
    void aFinalFieldIsAnError_namingTheField_andNoTestRuns() {
        TestExecutionSummary summary = run(FinalField.class);

        assertThat(summary.getTestsSucceededCount()).isZero();
        assertThat(summary.getFailures()).hasSize(1);
        assertThat(summary.getFailures().get(0).getException())
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("The test kit cannot set the final field final dev.rcguard.testkit.SimulatedRingCentral"
                        + " dev.rcguard.testkit.fixtures.FinalField.ringCentral: remove final");
        assertThat(Observed.VALUES).isEmpty();
        assertThat(System.getProperty(SERVER_URL)).isEqualTo(BEFORE);
    }
}
