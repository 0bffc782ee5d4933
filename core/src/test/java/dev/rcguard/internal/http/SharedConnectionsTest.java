package dev.rcguard.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rcguard.Decision;
import dev.rcguard.Decision.Outcome;
import dev.rcguard.Logical;
import dev.rcguard.internal.client.HttpRingCentralClient;
import dev.rcguard.internal.http.HttpTransportTest.RawServer;
import dev.rcguard.spi.Caller;
import dev.rcguard.spi.GuardConfig;
import dev.rcguard.spi.PermissionGuard;
import dev.rcguard.spi.RequestMemo;
import dev.rcguard.spi.Requirement;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Which connections the client's calls use: a permission check about a known user goes over connections any user's
 * calls use, and its answer must then name that user, permission and target; every other call uses its own user's
 * connections. The stand-in is a raw socket server that writes, on the connection it chooses, the answers it chooses.
 */
class SharedConnectionsTest {

    static final String ALICE = "1/101";
    static final String BOB = "1/102";

    RawServer server;
    HttpRingCentralClient client;

    @AfterEach
    void stop() throws IOException {
        client.close();
        server.close();
    }

    @Test
    void checksAboutKnownUsersShareConnections() throws IOException {
        start((n, request) -> answer(request.contains("Bearer alice") ? ALICE : BOB, true));

        assertThat(check("alice", ALICE).outcome()).isEqualTo(Outcome.GRANTED);
        assertThat(check("bob", BOB).outcome()).isEqualTo(Outcome.GRANTED);
        assertThat(check("alice", ALICE).outcome()).isEqualTo(Outcome.GRANTED);

        assertThat(server.requests()).hasSize(3);
        assertThat(opened()).isEqualTo(1);
    }

    @Test
    void checksAboutUsersNotKnownYet_andFeatureChecks_neverTakeASharedConnection() throws IOException {
        start((n, request) -> request.contains("/features")
                ? HttpTransportTest.ok("{\"records\":[{\"id\":\"SMSSending\",\"available\":true}]}")
                : answer(request.contains("Bearer alice") ? ALICE : BOB, true));

        assertThat(check("alice", null).outcome()).isEqualTo(Outcome.GRANTED);
        assertThat(check("bob", null).outcome()).isEqualTo(Outcome.GRANTED);
        assertThat(feature("carol").outcome()).isEqualTo(Outcome.GRANTED);
        assertThat(feature("carol").outcome()).isEqualTo(Outcome.GRANTED); // carol's own connection, kept for her
        assertThat(opened()).isEqualTo(3);

        // Alice's and Bob's connections joined the shared ones after their answers: a call that names no known user
        // does not take them, one about a known user does.
        assertThat(check("alice", null).outcome()).isEqualTo(Outcome.GRANTED);
        assertThat(feature("alice").outcome()).isEqualTo(Outcome.GRANTED);
        assertThat(opened()).isEqualTo(5);
        assertThat(check("bob", BOB).outcome()).isEqualTo(Outcome.GRANTED);
        assertThat(opened()).isEqualTo(5);
    }

    @Test
    void aTokenWhoseAnswersNameNoUser_keepsItsOwnConnection() throws IOException {
        String denied = "{\"errorCode\":\"CMN-408\",\"message\":\"In order to call this API endpoint, user needs to "
                + "have [ReadMessages] permission for requested resource.\"}";
        start((n, request) -> "HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\nContent-Length: "
                + denied.length() + "\r\n\r\n" + denied);

        assertThat(check("alice", null).outcome()).isEqualTo(Outcome.DENIED);
        assertThat(check("alice", null).outcome()).isEqualTo(Outcome.DENIED);
        assertThat(opened()).isEqualTo(1);
    }

    @Test
    void anAnswerAboutAnotherUser_onASharedConnection_isNeverTakenForTheCallsOwn() throws IOException {
        // Alice's answer is a grant. When Bob's request comes on the same connection, the server first sends a second,
        // unasked grant about Alice, then Bob's own answer: a denial. Taken as Bob's, the stray grant would let him in.
        start((n, request) -> n == 0 ? answer(ALICE, true) : answer(ALICE, true) + answer(BOB, false));

        assertThat(check("alice", ALICE).outcome()).isEqualTo(Outcome.GRANTED);
        Decision bob = check("bob", BOB);

        assertThat(opened()).as("Bob's call went over Alice's connection").isEqualTo(1);
        assertThat(bob.outcome()).isEqualTo(Outcome.UNAVAILABLE);
        assertThat(bob.reason().code()).isEqualTo("UnexpectedResponse");

        assertThat(check("bob", BOB).outcome()).isEqualTo(Outcome.UNAVAILABLE); // the server's third answer: Alice's
        assertThat(opened())
                .as("a connection that carried a misdirected answer is never used again")
                .isEqualTo(2);
    }

    @Test
    void anAnswerAboutAnotherPermissionOrTarget_onASharedConnection_isRefused() throws IOException {
        String otherPermission = grant(
                "/restapi/v1.0/account/1/extension/101/authz-profile/check"
                        + "?permissionId=EditMessages&targetExtensionId=101",
                "ReadMessages");
        String otherTarget = grant(
                "/restapi/v1.0/account/1/extension/101/authz-profile/check"
                        + "?permissionId=ReadMessages&targetExtensionId=555",
                "ReadMessages");
        String noUri = "{\"successful\":true,\"details\":{\"permission\":{\"id\":\"ReadMessages\"}}}";
        List<String> answers = List.of(otherPermission, otherTarget, noUri);
        start((n, request) -> HttpTransportTest.ok(answers.get(n)));

        for (int i = 0; i < answers.size(); i++) {
            Decision decision = check("alice", ALICE);
            assertThat(decision.outcome()).as(answers.get(i)).isEqualTo(Outcome.UNAVAILABLE);
            assertThat(decision.reason().code()).isEqualTo("UnexpectedResponse");
        }
        assertThat(opened()).isEqualTo(3);
    }

    @Test
    void theGuardAsksAboutATokensUserOverSharedConnections_onceAnAnswerNamedThem() throws IOException {
        start((n, request) -> answer(request.contains("Bearer alice") ? ALICE : BOB, true));
        GuardConfig config =
                GuardConfig.load(name -> null).withServerUrl(URI.create("http://127.0.0.1:" + server.port()));
        try (PermissionGuard guard = PermissionGuard.over(client, config)) {
            for (String token : List.of("alice", "bob", "alice", "bob")) {
                Decision decision = guard.check(
                        Caller.of(token),
                        Requirement.permissions(Logical.ALL, "ReadMessages"),
                        null,
                        RequestMemo.create());
                assertThat(decision.outcome()).isEqualTo(Outcome.GRANTED);
            }
        }
        // Alice and Bob on connections of their own until an answer named them; then on a shared one, whoever asks.
        assertThat(server.connectionOfRequest()).containsExactly(1, 2, 2, 2);
    }

    private Decision check(String token, String user) {
        return client.checkPermission(Caller.of(token), "ReadMessages", null, user)
                .join()
                .decision("ReadMessages");
    }

    private Decision feature(String token) {
        return client.checkFeatures(Caller.of(token), List.of("SMSSending"))
                .join()
                .decision("SMSSending");
    }

    private int opened() {
        return server.accepted();
    }

    /** RingCentral's answer about {@code user}'s own ReadMessages, with its {@code uri} naming them. */
    private static String answer(String user, boolean granted) {
        String[] ids = user.split("/");
        String uri = "/restapi/v1.0/account/" + ids[0] + "/extension/" + ids[1]
                + "/authz-profile/check?permissionId=ReadMessages&targetExtensionId=" + ids[1];
        return HttpTransportTest.ok(
                granted
                        ? grant(uri, "ReadMessages")
                        : "{\"uri\":\"http://127.0.0.1" + uri + "\",\"successful\":false}");
    }

    private static String grant(String uri, String permissionId) {
        return "{\"uri\":\"http://127.0.0.1" + uri + "\",\"successful\":true,\"details\":{\"permission\":{\"id\":\""
                + permissionId + "\"}}}";
    }

    private void start(BiFunction<Integer, String, String> answers) throws IOException {
        server = new RawServer(answers);
        client = new HttpRingCentralClient(GuardConfig.load(name -> switch (name) {
                    case GuardConfig.CONNECT_TIMEOUT_MS -> "1000";
                    case GuardConfig.READ_TIMEOUT_MS -> "2000";
                    default -> null;
                })
                .withServerUrl(URI.create("http://127.0.0.1:" + server.port())));
    }
}
