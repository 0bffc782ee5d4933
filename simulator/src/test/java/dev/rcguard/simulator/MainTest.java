package dev.rcguard.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    @Test
    void launch_startsADemoUserFromTheBundledFixtures_andPrintsHowToReachIt() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        try (RingCentralSimulator simulator = Main.launch(
                new String[] {"--port", "0", "--token", "demo", "--no-rate-limit"},
                new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            String output = printed.toString(StandardCharsets.UTF_8);
            assertThat(output).contains("listening on " + simulator.baseUri());
            assertThat(output).contains("Token: demo").contains("82 permissions, 253 features");
            assertThat(new Http(simulator)
                            .get(Http.check("ReadMessages"), "demo")
                            .statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void launch_signsTheUserInByItsLogin_withAccessTokensOfTheLifetimeAsked() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        try (RingCentralSimulator simulator = Main.launch(
                new String[] {"--port", "0", "--login", "alice", "--access-token-seconds", "30", "--no-rate-limit"},
                new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            assertThat(printed.toString(StandardCharsets.UTF_8))
                    .contains("OAuth: client " + simulator.clientId())
                    .contains("login alice")
                    .contains("access tokens live 30 s");
            OAuthHttp oauth = new OAuthHttp(simulator);
            assertThat(oauth.signIn("alice").get("expires_in").asInt()).isEqualTo(30);
        }
    }

    @Test
    void launch_grantsRevokesMakesUnavailableAndExpires_asTheFlagsSay() {
        String[] args = {
            "--port",
            "0",
            "--no-rate-limit",
            "--grant",
            "WarpDrive",
            "--revoke",
            "ReadMessages",
            "--unavailable",
            "SMSSending:ServicePlanLimitation",
            "--expired-token",
            "old-token"
        };
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        try (RingCentralSimulator simulator =
                Main.launch(args, new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            Http http = new Http(simulator);
            assertThat(Http.json(http.get(Http.check("WarpDrive"), "demo-token"))
                            .get("successful")
                            .asBoolean())
                    .isTrue();
            assertThat(Http.json(http.get(Http.check("ReadMessages"), "demo-token"))
                            .get("successful")
                            .asBoolean())
                    .isFalse();
            JsonNode sms = Http.json(http.get(Http.features("featureId=SMSSending"), "demo-token"))
                    .get("records")
                    .get(0);
            assertThat(sms.get("available").asBoolean()).isFalse();
            assertThat(sms.get("reason").get("code").asText()).isEqualTo("ServicePlanLimitation");
            HttpResponse<String> expired = http.get(Http.check("ReadCallLog"), "old-token");
            assertThat(expired.statusCode()).isEqualTo(401);
            assertThat(expired.body()).contains("OAU-128");
            assertThat(printed.toString(StandardCharsets.UTF_8)).contains("Expired tokens (401 OAU-128): old-token");
        }
    }

    @Test
    void launch_onAPortInUse_saysSo_andStartsNothing() throws Exception {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String port = String.valueOf(taken.getLocalPort());

            assertThatThrownBy(() -> Main.launch(new String[] {"--port", port}, quiet))
                    .isInstanceOf(Main.PortInUseException.class)
                    .hasMessage("Port " + port + " is already in use; start with --port N (another port, or 0 for a"
                            + " free one)");
        }
    }

    @Test
    void help_printsEveryOption_andStartsNothing() throws Exception {
        PrintStream console = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            Main.main(new String[] {"--help"});
        } finally {
            System.setOut(console);
        }
        String help = printed.toString(StandardCharsets.UTF_8);
        assertThat(help).startsWith(Main.USAGE);
        for (String option : List.of(
                "--port",
                "--token",
                "--login",
                "--features",
                "--authz-profile",
                "--grant",
                "--revoke",
                "--unavailable",
                "--expired-token",
                "--latency-ms",
                "--no-rate-limit",
                "--access-token-seconds",
                "--help")) {
            assertThat(help).containsPattern("\\n  (--features FILE )?" + option + "\\b");
        }
        assertThat(help).doesNotContain("listening");
    }

    @Test
    void launch_readsFixtureFilesGivenOnTheCommandLine(@TempDir Path dir) {
        String[] args = {
            "--port", "0",
            "--features", TestFiles.featuresFixture(dir).toString(),
            "--authz-profile", TestFiles.authzProfileFixture(dir).toString()
        };

        try (RingCentralSimulator simulator =
                Main.launch(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
            assertThat(simulator.user("demo-token").permissions()).hasSize(82);
        }
    }

    @Test
    void launch_rejectsUnknownArgumentsAndHalfGivenFixtures() {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

        assertThatThrownBy(() -> Main.launch(new String[] {"--verbose"}, quiet))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--verbose");
        assertThatThrownBy(() -> Main.launch(new String[] {"--features", "f.json"}, quiet))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Main.launch(new String[] {"--port"}, quiet))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Main.launch(new String[] {"--unavailable", "SMSSending"}, quiet))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("FEATURE:CODE");
        assertThatThrownBy(() -> Main.launch(new String[] {"--grant", "Read Messages"}, quiet))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Not a permission or feature id");
        assertThatThrownBy(() -> Main.launch(new String[] {"--access-token-seconds", "0"}, quiet))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--access-token-seconds");
    }
}
