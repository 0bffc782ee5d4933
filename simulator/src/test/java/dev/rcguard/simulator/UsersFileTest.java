package dev.rcguard.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The users file: what a good one sets up, and the one-line message each kind of mistake gets. */
class UsersFileTest {

    static String example() {
        return new String(TestFiles.bytes("/users-example.json"), StandardCharsets.UTF_8);
    }

    @Test
    void theReadmeExample_isTheFileTestedHere() throws IOException {
        assertThat(Files.readString(Path.of("README.md"))).contains("```json\n" + example() + "```\n");
    }

    @Test
    void theExample_readsEveryField_andDefaultsTheRest() {
        List<UsersFile.User> users = UsersFile.parse(example(), "users.json");

        assertThat(users).extracting(UsersFile.User::name).containsExactly("alice", "bob", "carol");
        UsersFile.User alice = users.get(0);
        assertThat(alice.token()).isEqualTo("alice-token");
        assertThat(alice.accountId()).isEqualTo("400100200300");
        assertThat(alice.extensionId()).isEqualTo("400100200301");
        assertThat(alice.bundledFixtures()).isTrue();
        assertThat(alice.granted()).containsExactly(new UsersFile.Grant("ReadCallLog", List.of("AllExtensions")));
        UsersFile.User bob = users.get(1);
        assertThat(bob.extensionId()).isEqualTo("400100200302");
        assertThat(bob.denied()).containsExactly("ReadMessages");
        assertThat(bob.expiredTokens()).containsExactly("bob-old-token");
        UsersFile.User carol = users.get(2);
        assertThat(carol.extensionId()).isEqualTo("400100200399");
        assertThat(carol.bundledFixtures()).isFalse();
        assertThat(carol.granted()).containsExactly(new UsersFile.Grant("ReadMessages", null));
        assertThat(carol.features())
                .containsExactly(
                        Feature.available("ReadMessages"),
                        Feature.unavailable(
                                "SMSSending",
                                new Feature.Reason(
                                        "ServicePlanLimitation",
                                        "The feature is unavailable for the current service plan",
                                        null)));
    }

    @Test
    void appliedToUsers_grantsDeniesAndExpiresAsWritten() {
        RingCentralSimulator.Builder builder = RingCentralSimulator.builder();
        UsersFile.parse(example(), "users.json").forEach(user -> builder.user(user::applyTo));
        RingCentralSimulator simulator = builder.build();

        SimulatedUser alice = simulator.userByLogin("alice");
        assertThat(alice.permissions()).hasSize(82);
        assertThat(alice.permission("ReadCallLog").orElseThrow().scopes()).containsExactly("AllExtensions");
        SimulatedUser bob = simulator.user("bob-old-token");
        assertThat(bob.login()).contains("bob");
        assertThat(bob.permission("ReadMessages")).isEmpty();
        assertThat(bob.status("bob-old-token", java.time.Instant.now())).isEqualTo(SimulatedUser.TokenStatus.EXPIRED);
        assertThat(bob.status("bob-token", java.time.Instant.now())).isEqualTo(SimulatedUser.TokenStatus.VALID);
        SimulatedUser carol = simulator.user("carol-token");
        assertThat(carol.permissions()).extracting(Permission::id).containsExactly("ReadMessages");
        assertThat(carol.permission("ReadMessages").orElseThrow().scopes()).containsExactly("Self");
        assertThat(carol.features()).hasSize(2);
    }

    @Test
    void aGrantByIdAlone_keepsTheFixturesScopes() {
        String file = """
                {"users": [{"name": "dora", "token": "t", "granted": ["ReadCallLog"]}]}""";
        SimulatedUser withFixtures = new SimulatedUser("1", "2");
        SimulatedUser plain = new SimulatedUser("1", "2");
        Permission bundled = new SimulatedUser("1", "2")
                .fromBundledFixtures()
                .permission("ReadCallLog")
                .orElseThrow();

        UsersFile.parse(file, "users.json").get(0).applyTo(withFixtures);
        plain.grant("ReadCallLog");

        assertThat(withFixtures.permission("ReadCallLog")).contains(bundled);
        assertThat(plain.permission("ReadCallLog").orElseThrow().scopes()).containsExactly("Self");
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of(
                        "{\"users\": [\n  {\"name\": \"a\", \"token\": \"t\",}\n]}",
                        "users.json:2:30: malformed JSON: expected a member name in double quotes"),
                Arguments.of(
                        "{\"users\": []}\nx", "users.json:2:1: malformed JSON: unexpected text after the JSON value"),
                Arguments.of(
                        "{\"users\": [{\"name\": \"a\", \"name\": \"b\"}]}",
                        "users.json:1:26: malformed JSON: \"name\" appears twice in one object"),
                Arguments.of(
                        "{\"users\": [{\"name\": \"a\u0001\"}]}",
                        "users.json:1:23: malformed JSON: a control character in a string (write it as an escape, e.g. \\n)"),
                Arguments.of(
                        "{\"users\": [{\"name\": \"\\x\"}]}", "users.json:1:22: malformed JSON: unknown escape \\x"),
                Arguments.of("{\"users\": 01}", "users.json:1:11: malformed JSON: malformed number"),
                Arguments.of(
                        "{\"users\": [{\"name\": \"\\u12x\"}]}",
                        "users.json:1:22: malformed JSON: \\u needs four hex digits"),
                Arguments.of(
                        "{\"users\": " + "[".repeat(100_000),
                        "users.json:1:266: malformed JSON: nested deeper than 256 levels"),
                Arguments.of("[]", "users.json:1: the file: must be an object {\"users\": [...]}, found an array"),
                Arguments.of("{\"user\": []}", "users.json:1: user: unknown field \"user\" (known: users)"),
                Arguments.of("{}", "users.json:1: the file: \"users\" is missing"),
                Arguments.of(
                        "{\n \"users\": []\n}",
                        "users.json:2: users: names no user; give at least one {\"name\": ..., \"token\": ...}"),
                Arguments.of("{\"users\": {}}", "users.json:1: users: must be an array [...], found an object"),
                Arguments.of(
                        "{\"users\": [\n \"alice\"\n]}",
                        "users.json:2: users[0]: must be an object {\"name\": ..., \"token\": ...}, found the string \"alice\""),
                Arguments.of("{\"users\": [\n {\"name\": \"a\"}\n]}", "users.json:2: users[0]: \"token\" is missing"),
                Arguments.of("{\"users\": [{\"token\": \"t\"}]}", "users.json:1: users[0]: \"name\" is missing"),
                Arguments.of(
                        user("\"grants\": [\"ReadMessages\"]"),
                        "users.json:3: users[0].grants: unknown field \"grants\" (known: name, token, accountId, extensionId, fixtures, granted, denied, features, expiredTokens)"),
                Arguments.of(
                        "{\"users\": [{\"name\": \"al ice\", \"token\": \"t\"}]}",
                        "users.json:1: users[0].name: \"al ice\" is not a user name (letters, digits and . _ @ -, at most 64)"),
                Arguments.of(
                        "{\"users\": [{\"name\": 7, \"token\": \"t\"}]}",
                        "users.json:1: users[0].name: must be a user name (letters, digits and . _ @ -, at most 64), found a number"),
                Arguments.of(
                        "{\"users\": [{\"name\": \"a\", \"token\": \"t\"},\n {\"name\": \"a\", \"token\": \"u\"}]}",
                        "users.json:2: users[1].name: \"a\" is the name of users[0] already"),
                Arguments.of(
                        "{\"users\": [{\"name\": \"a\", \"token\": \"my token\"}]}",
                        "users.json:1: users[0].token: \"my token\" is not a token (printable ASCII without spaces, at most 256 characters)"),
                Arguments.of(
                        "{\"users\": [{\"name\": \"a\", \"token\": \"t\"},\n {\"name\": \"b\", \"token\": \"u\",\n  \"expiredTokens\": [\"t\"]}]}",
                        "users.json:3: users[1].expiredTokens[0]: \"t\" is a token of users[0] already"),
                Arguments.of(
                        user("\"accountId\": 400100200300"),
                        "users.json:3: users[0].accountId: must be an id of digits in quotes, e.g. \"400100200300\", found a number"),
                Arguments.of(
                        user("\"extensionId\": \"~\""),
                        "users.json:3: users[0].extensionId: \"~\" is not an id of digits in quotes, e.g. \"400100200301\""),
                Arguments.of(
                        "{\"users\": [{\"name\": \"a\", \"token\": \"t\"},\n {\"name\": \"b\", \"token\": \"u\",\n  \"extensionId\": \"400100200301\"}]}",
                        "users.json:3: users[1].extensionId: account 400100200300, extension 400100200301 is users[0] already (one pair of ids is one RingCentral user); give another \"extensionId\""),
                Arguments.of(
                        user("\"fixtures\": \"all\""),
                        "users.json:3: users[0].fixtures: must be one of bundled, none, found the string \"all\""),
                Arguments.of(
                        user("\"granted\": \"ReadMessages\""),
                        "users.json:3: users[0].granted: must be an array [...], found the string \"ReadMessages\""),
                Arguments.of(
                        user("\"granted\": [\n  \"ReadMessages\",\n  \"Read Messages\"]"),
                        "users.json:5: users[0].granted[1]: \"Read Messages\" is not a permission id (letters, digits and _, at most 100)"),
                Arguments.of(
                        user("\"granted\": [\"A\", \"A\"]"),
                        "users.json:3: users[0].granted[1]: \"A\" is granted twice"),
                Arguments.of(
                        user("\"granted\": [{\"id\": \"A\"}]"),
                        "users.json:3: users[0].granted[0]: \"scopes\" is missing"),
                Arguments.of(
                        user("\"granted\": [{\"id\": \"A\", \"scopes\": []}]"),
                        "users.json:3: users[0].granted[0].scopes: is empty; give one or more of Account, AllExtensions, Federation, NonUserExtensions, RoleBased, Self, UserExtensions"),
                Arguments.of(
                        user("\"granted\": [{\"id\": \"A\", \"scopes\": [\"Everything\"]}]"),
                        "users.json:3: users[0].granted[0].scopes[0]: must be one of Account, AllExtensions, Federation, NonUserExtensions, RoleBased, Self, UserExtensions, found the string \"Everything\""),
                Arguments.of(
                        user("\"granted\": [{\"id\": \"A\", \"scope\": \"Self\"}]"),
                        "users.json:3: users[0].granted[0].scope: unknown field \"scope\" (known: id, scopes)"),
                Arguments.of(
                        user("\"granted\": [\"A\"],\n  \"denied\": [\"B\", \"A\"]"),
                        "users.json:4: users[0].denied[1]: \"A\" is both granted and denied"),
                Arguments.of(
                        user("\"denied\": [true]"),
                        "users.json:3: users[0].denied[0]: must be a permission id (letters, digits and _, at most 100), found true"),
                Arguments.of(
                        user("\"features\": [{\"id\": \"SMSSending\"}]"),
                        "users.json:3: users[0].features[0]: \"available\" is missing"),
                Arguments.of(
                        user("\"features\": [{\"id\": \"SMSSending\", \"available\": \"no\"}]"),
                        "users.json:3: users[0].features[0].available: must be true or false, found the string \"no\""),
                Arguments.of(
                        user("\"features\": [\n  {\"id\": \"SMSSending\", \"available\": false}]"),
                        "users.json:4: users[0].features[0]: \"reason\" is missing: an unavailable feature needs {\"code\": ...}"),
                Arguments.of(
                        user("\"features\": [{\"id\": \"F\", \"available\": true, \"reason\": {\"code\": \"X\"}}]"),
                        "users.json:3: users[0].features[0].reason: an available feature has no reason; drop it or set \"available\": false"),
                Arguments.of(
                        user("\"features\": [{\"id\": \"F\", \"available\": false, \"reason\": {\"message\": \"m\"}}]"),
                        "users.json:3: users[0].features[0].reason: \"code\" is missing"),
                Arguments.of(
                        user(
                                "\"features\": [{\"id\": \"F\", \"available\": false, \"reason\": {\"code\": \"X\", \"message\": \" \"}}]"),
                        "users.json:3: users[0].features[0].reason.message: must be a message (a non-blank string), found the string \" \""),
                Arguments.of(
                        user(
                                "\"features\": [{\"id\": \"F\", \"available\": false, \"reason\": {\"code\": \"X\", \"why\": 1}}]"),
                        "users.json:3: users[0].features[0].reason.why: unknown field \"why\" (known: code, message, permission)"),
                Arguments.of(
                        user(
                                "\"features\": [{\"id\": \"F\", \"available\": true},\n  {\"id\": \"F\", \"available\": true}]"),
                        "users.json:4: users[0].features[1]: the feature \"F\" is listed twice"));
    }

    /** A file with one user, whose extra field starts on line 3. */
    private static String user(String field) {
        return "{\"users\": [\n {\"name\": \"a\", \"token\": \"t\",\n  " + field + "}\n]}";
    }

    @ParameterizedTest
    @MethodSource("mistakes")
    void aMistake_isOneMessageNamingTheLineAndTheField(String text, String message) {
        assertThatThrownBy(() -> UsersFile.parse(text, "users.json"))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void aMissingFile_orOneThatIsNotUtf8_isOneMessage(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("nope.json");
        Path latin1 = Files.write(
                dir.resolve("latin1.json"),
                "{\"users\": [{\"name\": \"Jos\u00e9\"}]}".getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> UsersFile.read(missing)).hasMessage("Users file not found: " + missing);
        assertThatThrownBy(() -> UsersFile.read(latin1)).hasMessage(latin1 + ": not UTF-8 text");
        assertThatThrownBy(() -> UsersFile.read(dir)).hasMessageStartingWith("Cannot read users file " + dir);
    }

    @Test
    void aFileOnDisk_isReadAsTheTextIs(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("users.json"), example());

        assertThat(UsersFile.read(file)).isEqualTo(UsersFile.parse(example(), "users.json"));
    }
}
