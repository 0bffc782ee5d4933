package dev.rcguard.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
        assertThatThrownBy(() -> Main.launch(new String[] {"--access-token-seconds", "0"}, quiet))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--access-token-seconds");
    }
}
