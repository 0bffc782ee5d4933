package dev.rcguard.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RuntimeChangesTest {
    private RingCentralSimulator simulator;
    private Http http;

    @BeforeEach
    void start() {
        simulator = RingCentralSimulator.builder()
                .rateLimits(RateLimits.disabled())
                .user(u -> u.token("t1").grant("ReadMessages").feature("SMSSending", true))
                .start();
        http = new Http(simulator);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void revokedPermission_isDeniedOnTheNextRequest() {
        assertThat(successful("ReadMessages")).isTrue();

        simulator.user("t1").revoke("ReadMessages");

        assertThat(successful("ReadMessages")).isFalse();
    }

    @Test
    void grantedPermission_isGrantedOnTheNextRequest() {
        assertThat(successful("EditMessages")).isFalse();

        simulator.user("t1").grant("EditMessages");

        assertThat(successful("EditMessages")).isTrue();
    }

    @Test
    void expiredToken_isRefusedOnTheNextRequest() {
        simulator.expireToken("t1");

        assertThat(http.get(Http.check("ReadMessages"), "t1").statusCode()).isEqualTo(401);
    }

    @Test
    void featureMadeUnavailable_carriesItsReasonOnTheNextRequest() {
        simulator
                .user("t1")
                .unavailable(
                        "SMSSending",
                        "ServicePlanLimitation",
                        "The feature is unavailable for the current service plan");

        var record =
                Http.json(http.get(Http.features("featureId=SMSSending"), "t1")).at("/records/0");
        assertThat(record.get("available").asBoolean()).isFalse();
        assertThat(record.at("/reason/code").asText()).isEqualTo("ServicePlanLimitation");

        simulator.user("t1").feature("SMSSending", true);
        assertThat(Http.json(http.get(Http.features("featureId=SMSSending"), "t1"))
                        .at("/records/0/available")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void userAddedAtRunTime_isServed() {
        SimulatedUser added = simulator.addUser(u -> u.token("t9").grant("HUD"));

        assertThat(added.extensionId()).isEqualTo("400100200302");
        assertThat(Http.json(http.get(Http.check("HUD"), "t9"))
                        .get("successful")
                        .asBoolean())
                .isTrue();
    }

    private boolean successful(String permissionId) {
        return Http.json(http.get(Http.check(permissionId), "t1"))
                .get("successful")
                .asBoolean();
    }
}
