package dev.rcguard.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FixturesTest {

    @Test
    void fixtureFiles_load253FeatureRecordsAnd82Permissions(@TempDir Path dir) {
        try (RingCentralSimulator simulator = RingCentralSimulator.builder()
                .rateLimits(RateLimits.disabled())
                .user(u ->
                        u.token("t1").fromFixtures(TestFiles.featuresFixture(dir), TestFiles.authzProfileFixture(dir)))
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
    void bundledFixtures_areRingCentralsUnchanged_asTheirNoticeRecords() throws Exception {
        String notice = new String(TestFiles.bytes("fixtures/NOTICE"), StandardCharsets.UTF_8);

        assertThat(notice).contains("features.json       SHA-256 " + sha256(Fixtures.BUNDLED_FEATURES));
        assertThat(notice).contains("authz-profile.json  SHA-256 " + sha256(Fixtures.BUNDLED_AUTHZ_PROFILE));
    }

    @Test
    void everyFixtureRecord_isServedExactlyAsWritten() throws IOException {
        JsonNode fixture =
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(TestFiles.bytes(Fixtures.BUNDLED_FEATURES));
        try (RingCentralSimulator simulator = RingCentralSimulator.builder()
                .rateLimits(RateLimits.disabled())
                .user(u -> u.token("t1").fromBundledFixtures())
                .start()) {
            assertThat(Http.json(new Http(simulator).get(Http.features(""), "t1")))
                    .isEqualTo(fixture);
        }
    }

    private static String sha256(String resource) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(TestFiles.bytes(resource)));
    }
}
