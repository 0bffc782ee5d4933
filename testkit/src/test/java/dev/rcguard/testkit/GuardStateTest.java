package dev.rcguard.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rcguard.Logical;
import dev.rcguard.spi.ApplicationGuard;
import dev.rcguard.spi.Caller;
import dev.rcguard.spi.RequestMemo;
import dev.rcguard.spi.Requirement;
import org.junit.jupiter.api.Test;

/** Which guards {@link SimulatedRingCentral#forgetGuardState()} reaches: the open ones pointed at this simulator. */
@WithRingCentralSimulator
class GuardStateTest {

    @Test
    void onlyTheOpenGuardsPointedAtThisSimulatorForget(SimulatedRingCentral ringCentral) {
        ringCentral.addUser("alice-token").grant("ReadMessages");
        try (ApplicationGuard.Lease here =
                        ApplicationGuard.acquire(ApplicationGuard.Attributes.inMemory(), name -> null, name -> null);
                ApplicationGuard.Lease elsewhere = ApplicationGuard.acquire(
                        ApplicationGuard.Attributes.inMemory(),
                        name -> name.equals("rcguard.server-url") ? "http://127.0.0.1:9" : null,
                        name -> null)) {
            here.guard()
                    .check(
                            Caller.of("alice-token"),
                            Requirement.permissions(Logical.ALL, "ReadMessages"),
                            null,
                            RequestMemo.create());
            assertThat(here.guard().economy().entries()).isPositive();

            int forgot = ringCentral.forgetGuardState();

            assertThat(here.guard().economy().entries()).isZero();
            assertThat(forgot).isEqualTo(1);
        }
        assertThat(ringCentral.forgetGuardState())
                .as("closed guards are not listed")
                .isZero();
    }
}
