package dev.rcguard.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
            assertThat(output)
                    .contains("  demo     token demo (account 400100200300, extension 400100200301; 82 permissions, 253"
                            + " features)")
                    .contains("Rate limits: off")
                    .contains("Control: " + simulator.baseUri() + "/simulator/users");
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
                new String[] {"--port", "0", "--login", "alice", "--access-token-seconds", "30", "--rate-limits", "off"
                },
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
            "--rate-limits",
            "off",
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
                "--users",
                "--rate-limits",
                "--latency",
                "--fault",
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
                .hasMessage(
                        "--grant: not a permission or feature id (letters, digits and _, at most 100): Read Messages");
        assertThatThrownBy(() -> Main.launch(new String[] {"--access-token-seconds", "0"}, quiet))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--access-token-seconds");
    }

    private static RingCentralSimulator launch(ByteArrayOutputStream printed, String... args) {
        return Main.launch(args, new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    private static RingCentralSimulator launch(String... args) {
        return launch(new ByteArrayOutputStream(), args);
    }

    private static boolean successful(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        return Http.json(response).get("successful").asBoolean();
    }

    @Test
    void users_fromAFile_areAnsweredAsWritten_andListed(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("users.json"), UsersFileTest.example());
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        try (RingCentralSimulator simulator =
                launch(printed, "--port", "0", "--users", file.toString(), "--rate-limits", "off")) {
            Http http = new Http(simulator);
            // alice: the fixtures, and ReadCallLog for every extension (bob's is 400100200302)
            assertThat(successful(
                            http.get(Http.check("ReadCallLog") + "&targetExtensionId=400100200302", "alice-token")))
                    .isTrue();
            assertThat(successful(http.get(Http.check("ReadMessages"), "alice-token")))
                    .isTrue();
            // bob: ReadMessages denied; his old token expired
            assertThat(successful(http.get(Http.check("ReadMessages"), "bob-token")))
                    .isFalse();
            HttpResponse<String> old = http.get(Http.check("ReadCallLog"), "bob-old-token");
            assertThat(old.statusCode()).isEqualTo(401);
            assertThat(Http.json(old).get("errors").get(0).get("errorCode").asText())
                    .isEqualTo("OAU-128");
            // carol: her own ids, no fixtures, one grant, SMSSending unavailable for the reason written
            String carolOwn = "/restapi/v1.0/account/400100200300/extension/400100200399";
            assertThat(successful(http.get(carolOwn + "/authz-profile/check?permissionId=ReadMessages", "carol-token")))
                    .isTrue();
            assertThat(successful(http.get(Http.check("ReadCallLog"), "carol-token")))
                    .isFalse();
            JsonNode records =
                    Http.json(http.get(Http.features(""), "carol-token")).get("records");
            assertThat(records.toString())
                    .isEqualTo(
                            "[{\"id\":\"ReadMessages\",\"available\":true},{\"id\":\"SMSSending\",\"available\":false,"
                                    + "\"reason\":{\"code\":\"ServicePlanLimitation\",\"message\":\"The feature is unavailable for the"
                                    + " current service plan\"}}]");

            assertThat(printed.toString(StandardCharsets.UTF_8))
                    .contains("Users (from " + file + "):")
                    .contains("  alice    token alice-token (account 400100200300, extension 400100200301; 82"
                            + " permissions, 253 features)")
                    .contains(
                            "  carol    token carol-token (account 400100200300, extension 400100200399; 1 permission,"
                                    + " 2 features)")
                    .contains("Expired tokens (401 OAU-128): bob-old-token");
        }
    }

    @Test
    void aUsersFile_andTheOneUsersOptions_doNotMix(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("users.json"), UsersFileTest.example());

        assertThatThrownBy(() -> launch("--users", file.toString(), "--grant", "X", "--token", "t", "--grant", "Y"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--users FILE names every user; leave out --grant, --token (they describe the one user made"
                        + " without it)");
    }

    @Test
    void aBadUsersFile_stopsItWithTheFilesMessage(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("users.json"), "{\"users\": [\n  {\"name\": \"a\"}\n]}");

        assertThatThrownBy(() -> launch("--port", "0", "--users", file.toString()))
                .isInstanceOf(Main.UsersFileException.class)
                .hasMessage(file + ":2: users[0]: \"token\" is missing");
    }

    @Test
    void rateLimitsOn_countEveryCall_andAnswer429AfterTheLimit() {
        try (RingCentralSimulator simulator = launch("--port", "0", "--rate-limits", "on")) {
            Http http = new Http(simulator);
            HttpResponse<String> first = http.get(Http.check("ReadMessages"), "demo-token");
            assertThat(first.headers().firstValue("X-Rate-Limit-Remaining")).contains("49");
            for (int i = 2; i <= 50; i++) {
                assertThat(http.get(Http.check("ReadMessages"), "demo-token").statusCode())
                        .isEqualTo(200);
            }

            HttpResponse<String> over = http.get(Http.check("ReadMessages"), "demo-token");

            assertThat(over.statusCode()).isEqualTo(429);
            assertThat(over.headers().firstValue("Retry-After")).contains("60");
        }
    }

    @Test
    void rateLimitsOff_countNothing() {
        try (RingCentralSimulator simulator = launch("--port", "0", "--rate-limits", "off")) {
            Http http = new Http(simulator);
            HttpResponse<String> response = null;
            for (int i = 1; i <= 60; i++) {
                response = http.get(Http.check("ReadMessages"), "demo-token");
                assertThat(response.statusCode()).isEqualTo(200);
            }

            assertThat(response.headers().firstValue("X-Rate-Limit-Remaining")).contains("50");
        }
    }

    @Test
    void latency_delaysEveryAnswer() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (RingCentralSimulator simulator = launch(printed, "--port", "0", "--latency", "300")) {
            Http http = new Http(simulator);
            long started = System.nanoTime();

            HttpResponse<String> response = http.get(Http.check("ReadMessages"), "demo-token");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
            assertThat(printed.toString(StandardCharsets.UTF_8)).contains("; latency 300 ms");
        }
    }

    @Test
    void faults_breakTheirEndpointsOnly_asNamed() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (RingCentralSimulator simulator = launch(
                printed,
                "--port",
                "0",
                "--fault",
                "features:503",
                "--fault",
                "permission-check:429",
                "--fault",
                "authz-profile:malformed",
                "--fault",
                "message-store:drop")) {
            Http http = new Http(simulator);

            HttpResponse<String> features = http.get(Http.features("featureId=SMSSending"), "demo-token");
            assertThat(features.statusCode()).isEqualTo(503);
            assertThat(Http.json(features).get("errorCode").asText()).isEqualTo("CMN-201");
            HttpResponse<String> check = http.get(Http.check("ReadMessages"), "demo-token");
            assertThat(check.statusCode()).isEqualTo(429);
            assertThat(check.headers().firstValue("Retry-After")).contains("60");
            assertThat(Http.json(check).get("errorCode").asText()).isEqualTo("CMN-301");
            HttpResponse<String> profile = http.get(Http.profile(), "demo-token");
            assertThat(profile.statusCode()).isEqualTo(200);
            assertThat(profile.body()).isEqualTo("{\"successful\": tr");
            assertThatThrownBy(() -> http.get(Http.messageStore(), "demo-token"))
                    .hasRootCauseInstanceOf(java.io.IOException.class);
            assertThat(printed.toString(StandardCharsets.UTF_8))
                    .contains("Fault: features answers 503 to every call")
                    .contains("Fault: message-store drops every connection without an answer");
        }
    }

    @Test
    void latencyAndSlowFaults_delayTheirEndpoint() {
        try (RingCentralSimulator simulator =
                launch("--port", "0", "--fault", "permission-check:latency:300", "--fault", "features:slow:20")) {
            Http http = new Http(simulator);
            long started = System.nanoTime();

            assertThat(http.get(Http.check("ReadMessages"), "demo-token").statusCode())
                    .isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
            started = System.nanoTime();
            HttpResponse<String> features = http.get(Http.features("featureId=SMSSending"), "demo-token");
            assertThat(features.statusCode()).isEqualTo(200);
            long chunks = (features.body().length() + 7) / 8;
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(20 * chunks));
        }
    }

    @Test
    void theControlEndpoint_isOn_andGrantsForTheNextCheck() {
        try (RingCentralSimulator simulator = launch("--port", "0", "--revoke", "ReadMessages")) {
            Http http = new Http(simulator);
            assertThat(successful(http.get(Http.check("ReadMessages"), "demo-token")))
                    .isFalse();

            HttpResponse<String> grant = http.send(http.request("/simulator/users/demo/grants/ReadMessages")
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build());

            assertThat(grant.statusCode()).isEqualTo(200);
            assertThat(successful(http.get(Http.check("ReadMessages"), "demo-token")))
                    .isTrue();
        }
    }

    @Test
    void badValues_nameTheOptionAndTheValue() {
        assertThatThrownBy(() -> launch("--port", "abc"))
                .hasMessage("--port needs a whole number from 0 to 65535, was abc");
        assertThatThrownBy(() -> launch("--latency", "-5"))
                .hasMessage("--latency needs a whole number from 0 to 60000, was -5");
        assertThatThrownBy(() -> launch("--rate-limits", "maybe"))
                .hasMessage("--rate-limits needs on or off, was maybe");
        assertThatThrownBy(() -> launch("--fault", "nowhere:503"))
                .hasMessage("--fault needs ENDPOINT:KIND with ENDPOINT one of permission-check, features,"
                        + " authz-profile, message-store, oauth-token; was nowhere:503");
        assertThatThrownBy(() -> launch("--fault", "features:404"))
                .hasMessage("--fault features:KIND needs KIND 429, 500-599, drop, malformed, latency:MS or slow:MS;"
                        + " was features:404");
        assertThatThrownBy(() -> launch("--fault", "features:latency:soon"))
                .hasMessage("--fault latency needs a whole number from 1 to 60000, was soon");
        assertThatThrownBy(() -> launch("--fault", "features:503", "--fault", "features:drop"))
                .hasMessage("--fault: one fault per endpoint; features has two");
        assertThatThrownBy(() -> launch("--login", "a/b")).hasMessageStartingWith("--login: not a name (");
        assertThatThrownBy(() -> launch("--token", "a b")).hasMessageStartingWith("--token: a token is printable");
    }

    @Test
    void aFixtureFileThatIsMissingOrWrong_isOneMessage(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing.json");
        Path wrong = Files.writeString(dir.resolve("wrong.json"), "{\"records\": [{\"id\": 1}]}");

        assertThatThrownBy(() ->
                        launch("--port", "0", "--features", missing.toString(), "--authz-profile", missing.toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Cannot read fixture " + missing);
        assertThatThrownBy(() ->
                        launch("--port", "0", "--features", wrong.toString(), "--authz-profile", wrong.toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "--features / --authz-profile: not RingCentral's shape: Fixture: expected a string, found 1.0");
    }
}
