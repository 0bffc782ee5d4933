package dev.rcguard.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rcguard.simulator.Endpoint;
import dev.rcguard.simulator.Fault;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** What a test class annotated {@link WithRingCentralSimulator} gets, over real HTTP to the simulator. */
@WithRingCentralSimulator
class WithRingCentralSimulatorTest {

    static SimulatedRingCentral inStaticField;
    static SimulatedRingCentral inBeforeAll;
    SimulatedRingCentral inField;
    SimulatedRingCentral inBeforeEach;

    @BeforeAll
    static void beforeAll(SimulatedRingCentral ringCentral) {
        inBeforeAll = ringCentral;
    }

    @BeforeEach
    void beforeEach(SimulatedRingCentral ringCentral) {
        inBeforeEach = ringCentral;
    }

    @Test
    void theGuardIsPointedAtTheSimulator_byTheSystemProperty(SimulatedRingCentral ringCentral) {
        assertThat(System.getProperty("rcguard.server-url"))
                .isEqualTo(ringCentral.baseUri().toString());
        assertThat(ringCentral.baseUri().getScheme()).isEqualTo("http");
        assertThat(ringCentral.baseUri().getHost()).isEqualTo("127.0.0.1");
        assertThat(ringCentral.baseUri().getPort())
                .isEqualTo(ringCentral.simulator().port());
    }

    @Test
    void oneSimulator_isInjectedIntoParametersFieldsAndLifecycleMethods(SimulatedRingCentral ringCentral) {
        assertThat(inStaticField).isSameAs(ringCentral);
        assertThat(inField).isSameAs(ringCentral);
        assertThat(inBeforeAll).isSameAs(ringCentral);
        assertThat(inBeforeEach).isSameAs(ringCentral);
    }

    @Test
    void grantAndRevoke_areSeenByTheNextRequest(SimulatedRingCentral ringCentral) {
        ringCentral.addUser("alice-token").grant("ReadMessages");

        HttpResponse<String> granted = Http.check(ringCentral.baseUri(), "alice-token", "ReadMessages");
        ringCentral.revoke("alice-token", "ReadMessages");
        HttpResponse<String> revoked = Http.check(ringCentral.baseUri(), "alice-token", "ReadMessages");

        assertThat(granted.statusCode()).isEqualTo(200);
        assertThat(granted.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(granted.body())
                .contains("\"successful\":true")
                .contains("\"uri\":\"" + ringCentral.baseUri()
                        + "/restapi/v1.0/account/400100200300/extension/400100200301/authz-profile/check");
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(revoked.body()).contains("\"successful\":false");
        assertThat(ringCentral.counters().calls("alice-token", "ReadMessages")).isEqualTo(2);
    }

    @Test
    void anUnavailableFeature_carriesRingCentralsReason(SimulatedRingCentral ringCentral) {
        ringCentral.addUser("alice-token");
        ringCentral.unavailable(
                "alice-token",
                "SMSSending",
                "ServicePlanLimitation",
                "The feature is unavailable for the current service plan");

        HttpResponse<String> response = Http.features(ringCentral.baseUri(), "alice-token", "SMSSending");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("\"id\":\"SMSSending\"")
                .contains("\"available\":false")
                .contains("\"code\":\"ServicePlanLimitation\"");
    }

    @Test
    void anExpiredToken_isAnswered401(SimulatedRingCentral ringCentral) {
        ringCentral.addUser("alice-token").grant("ReadMessages");
        ringCentral.expireToken("alice-token");

        HttpResponse<String> response = Http.check(ringCentral.baseUri(), "alice-token", "ReadMessages");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("OAU-128");
    }

    @Test
    void anInjectedFault_isAnsweredAndCounted_forItsTokenOnly(SimulatedRingCentral ringCentral) {
        ringCentral.addUser("alice-token").grant("ReadMessages");
        ringCentral.addUser("bob-token").grant("ReadMessages");
        ringCentral.inject(Endpoint.PERMISSION_CHECK, "alice-token", Fault.serviceUnavailable());

        HttpResponse<String> alice = Http.check(ringCentral.baseUri(), "alice-token", "ReadMessages");
        HttpResponse<String> bob = Http.check(ringCentral.baseUri(), "bob-token", "ReadMessages");

        assertThat(alice.statusCode()).isEqualTo(503);
        assertThat(alice.body()).contains("CMN-201");
        assertThat(bob.statusCode()).isEqualTo(200);
        assertThat(ringCentral.counters().calls(Endpoint.PERMISSION_CHECK)).isEqualTo(2);
        assertThat(ringCentral.counters().callsWithToken("alice-token")).isEqualTo(1);
    }

    @Test
    void rateLimitsAreOff_nothingIsRefused_andAHighLimitIsAnnounced(SimulatedRingCentral ringCentral) {
        ringCentral.addUser("alice-token").grant("ReadMessages");

        for (int i = 0; i < 60; i++) { // more than RingCentral's 50 Light calls a minute
            HttpResponse<String> response = Http.check(ringCentral.baseUri(), "alice-token", "ReadMessages");
            assertThat(response.statusCode()).as("call %d", i + 1).isEqualTo(200);
            assertThat(response.headers().firstValue("X-Rate-Limit-Group")).hasValue("Light");
            assertThat(response.headers().firstValue("X-Rate-Limit-Limit")).hasValue("100000");
            assertThat(response.headers().firstValue("X-Rate-Limit-Remaining")).hasValue("100000");
        }
    }

    @Nested
    class ANestedClass {

        @Test
        void sharesTheOuterClassesSimulator(SimulatedRingCentral ringCentral) {
            assertThat(ringCentral).isSameAs(inStaticField);
            assertThat(inField).isSameAs(ringCentral);
            assertThat(System.getProperty("rcguard.server-url"))
                    .isEqualTo(ringCentral.baseUri().toString());
        }
    }
}
