package dev.rcguard.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class FixturesTest {

    @Test
    void sharedFixtures_load253FeatureRecordsAnd82Permissions() {
        try (RingCentralSimulator simulator = RingCentralSimulator.builder()
                .rateLimits(RateLimits.disabled())
                .user(u ->
                        u.token("t1").fromFixtures(SharedFolder.featuresFixture(), SharedFolder.authzProfileFixture()))
                .start()) {
            Http http = new Http(simulator);

            assertThat(Http.json(http.get(Http.features(""), "t1")).get("records"))
                    .hasSize(253);
            assertThat(Http.json(http.get(Http.profile(), "t1")).get("permissions"))
                    .hasSize(82);
        }
    }

    @Test
    void fixtureRecords_keepReasonsParamsAndScopes() {
        SimulatedUser user = RingCentralSimulator.builder()
                .user(u -> u.token("t1").fromBundledFixtures())
                .build()
                .user("t1");

        assertThat(user.features()).hasSize(253);
        assertThat(user.features().stream().map(Feature::id).distinct())
                .as("RingCentral's data repeats the OutboundCallPrefix record; the simulator keeps it")
                .hasSize(252);
        assertThat(user.permissions()).hasSize(82);
        assertThat(user.features())
                .contains(Feature.unavailable(
                        "EditAutoInboundCallRecording",
                        new Feature.Reason(
                                "InsufficientPermissions", "No CompanyInfo permission granted", "CompanyInfo")));
        assertThat(user.features())
                .contains(
                        new Feature("Glip", true, java.util.List.of(new Feature.Param("tabPosition", "First")), null));
        assertThat(user.permissions())
                .contains(new Permission("CallFlip", "3", java.util.List.of("Self"), false, false, "Independent"));
    }

    @Test
    void olderSingleScopeField_isAccepted() {
        String profile = "{\"permissions\": [{\"permission\": {\"id\": \"ReadMessages\"},"
                + " \"effectiveRole\": {\"id\": \"1\"}, \"scope\": \"Self\"}]}";

        assertThat(Fixtures.permissions(profile))
                .containsExactly(
                        new Permission("ReadMessages", "1", java.util.List.of("Self"), false, false, "Independent"));
    }

    @Test
    void bundledFixtures_areTheSharedOnes() throws IOException {
        assertSameBytes(Fixtures.BUNDLED_FEATURES, SharedFolder.featuresFixture());
        assertSameBytes(Fixtures.BUNDLED_AUTHZ_PROFILE, SharedFolder.authzProfileFixture());
    }

    @Test
    void everyFixtureRecord_isServedExactlyAsWritten() throws IOException {
        JsonNode shared = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(SharedFolder.featuresFixture().toFile());
        try (RingCentralSimulator simulator = RingCentralSimulator.builder()
                .rateLimits(RateLimits.disabled())
                .user(u -> u.token("t1").fromBundledFixtures())
                .start()) {
            assertThat(Http.json(new Http(simulator).get(Http.features(""), "t1")))
                    .isEqualTo(shared);
        }
    }

    private static void assertSameBytes(String resource, java.nio.file.Path file) throws IOException {
        try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(file));
        }
    }
}
