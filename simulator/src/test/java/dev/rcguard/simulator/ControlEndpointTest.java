package dev.rcguard.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The control endpoint over real HTTP: grants and revokes seen by the next RingCentral call, counters, refusals. */
class ControlEndpointTest {
    private RingCentralSimulator simulator;
    private Http http;

    @BeforeEach
    void start() {
        simulator = RingCentralSimulator.builder()
                .controlEndpoint(true)
                .user(u -> u.login("alice").token("alice-token").grant("ReadMessages"))
                .user(u -> u.login("bob").token("bob-token").token("bob-other-token"))
                .user(u -> u.token("nameless-token"))
                .start();
        http = new Http(simulator);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private HttpResponse<String> call(String method, String path) {
        return http.send(http.request(path)
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build());
    }

    private boolean granted(String token, String permission) {
        return Http.json(http.get(Http.check(permission), token))
                .get("successful")
                .asBoolean();
    }

    @Test
    void post_grantsAPermission_seenByTheNextCheck() {
        assertThat(granted("bob-token", "ReadMessages")).isFalse();

        HttpResponse<String> response = call("POST", "/simulator/users/bob/grants/ReadMessages");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(response.body())
                .isEqualTo("{\"user\":\"bob\",\"permission\":\"ReadMessages\",\"granted\":true,\"scopes\":[\"Self\"],"
                        + "\"changed\":true}");
        assertThat(granted("bob-token", "ReadMessages")).isTrue();
        assertThat(granted("bob-other-token", "ReadMessages")).isTrue();
    }

    @Test
    void post_onAGrantedPermission_changesNothing() {
        HttpResponse<String> response = call("POST", "/simulator/users/alice/grants/ReadMessages");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Http.json(response).get("changed").asBoolean()).isFalse();
        assertThat(Http.json(response).get("granted").asBoolean()).isTrue();
    }

    @Test
    void delete_revokesAPermission_seenByTheNextCheck_andTwiceChangesNothing() {
        assertThat(granted("alice-token", "ReadMessages")).isTrue();

        HttpResponse<String> first = call("DELETE", "/simulator/users/alice/grants/ReadMessages");
        HttpResponse<String> second = call("DELETE", "/simulator/users/alice/grants/ReadMessages");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body())
                .isEqualTo("{\"user\":\"alice\",\"permission\":\"ReadMessages\",\"granted\":false,\"changed\":true}");
        assertThat(granted("alice-token", "ReadMessages")).isFalse();
        assertThat(Http.json(second).get("changed").asBoolean()).isFalse();
    }

    @Test
    void get_tellsWhetherAPermissionIsGranted_withoutChangingIt() {
        HttpResponse<String> response = call("GET", "/simulator/users/bob/grants/ReadMessages");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"user\":\"bob\",\"permission\":\"ReadMessages\",\"granted\":false}");
        assertThat(simulator.userByLogin("bob").permissions()).isEmpty();
    }

    @Test
    void users_listsTheNamedUsers_andOneUserShowsGrantsFeaturesAndBudgets() {
        simulator.userByLogin("alice").unavailable("SMSSending", "ServicePlanLimitation", "no SMS");
        http.get(Http.check("ReadMessages"), "alice-token");

        HttpResponse<String> list = call("GET", "/simulator/users");
        HttpResponse<String> alice = call("GET", "/simulator/users/alice");

        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body())
                .isEqualTo(
                        "{\"users\":[{\"name\":\"alice\",\"accountId\":\"400100200300\",\"extensionId\":\"400100200301\"},"
                                + "{\"name\":\"bob\",\"accountId\":\"400100200300\",\"extensionId\":\"400100200302\"}]}");
        assertThat(alice.statusCode()).isEqualTo(200);
        JsonNode view = Http.json(alice);
        assertThat(view.get("granted").toString()).isEqualTo("[\"ReadMessages\"]");
        assertThat(view.get("unavailableFeatures").toString()).isEqualTo("[\"SMSSending\"]");
        assertThat(view.get("rateLimits").get("enabled").asBoolean()).isTrue();
        assertThat(view.get("rateLimits").get("groups").get("Light").toString())
                .isEqualTo("{\"limit\":50,\"spent\":1,\"remaining\":49,\"inPenalty\":false}");
    }

    @Test
    void counters_countRingCentralsCallsPerUser_notTheControlCalls_andDeleteResetsThem() {
        http.get(Http.check("ReadMessages"), "alice-token");
        http.get(Http.check("ReadMessages"), "alice-token");
        http.get(Http.features("featureId=SMSSending&featureId=Fax"), "bob-other-token");
        call("POST", "/simulator/users/bob/grants/ReadMessages");

        HttpResponse<String> counters = call("GET", "/simulator/counters");

        assertThat(counters.statusCode()).isEqualTo(200);
        JsonNode body = Http.json(counters);
        assertThat(body.get("total").asLong()).isEqualTo(3);
        assertThat(body.get("endpoints").toString())
                .isEqualTo("{\"PERMISSION_CHECK\":2,\"FEATURES\":1,\"AUTHZ_PROFILE\":0,\"MESSAGE_STORE\":0,"
                        + "\"OAUTH_TOKEN\":0}");
        assertThat(body.get("users").toString())
                .isEqualTo("{\"alice\":{\"calls\":2,\"permissions\":{\"ReadMessages\":2},\"features\":{}},"
                        + "\"bob\":{\"calls\":1,\"permissions\":{},\"features\":{\"Fax\":1,\"SMSSending\":1}}}");
        assertThat(simulator.counters().total()).isEqualTo(3);

        HttpResponse<String> reset = call("DELETE", "/simulator/counters");

        assertThat(reset.statusCode()).isEqualTo(200);
        assertThat(Http.json(reset).get("total").asLong()).isZero();
        assertThat(simulator.counters().total()).isZero();
    }

    @Test
    void anUnknownUser_is404_namingTheUsers() {
        HttpResponse<String> response = call("POST", "/simulator/users/zed/grants/ReadMessages");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(response.body())
                .isEqualTo("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,"
                        + "\"detail\":\"No user named zed; users: alice, bob\"}");
    }

    @Test
    void malformedNamesAndIds_are400_andChangeNothing() {
        HttpResponse<String> badId = call("POST", "/simulator/users/bob/grants/Read%20Messages");
        HttpResponse<String> badName = call("POST", "/simulator/users/b%6Fb/grants/ReadMessages");
        HttpResponse<String> emptyName = call("GET", "/simulator/users/");

        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(Http.json(badId).get("detail").asText())
                .isEqualTo("Not a permission id (letters, digits and _, at most 100): \"Read%20Messages\"");
        assertThat(badName.statusCode()).isEqualTo(400);
        assertThat(Http.json(badName).get("detail").asText()).startsWith("Not a user name (");
        assertThat(emptyName.statusCode()).isEqualTo(400);
        assertThat(simulator.userByLogin("bob").permissions()).isEmpty();
    }

    @Test
    void aMethodNotAllowed_is405_withAllow() {
        HttpResponse<String> put = call("PUT", "/simulator/users/bob/grants/ReadMessages");
        HttpResponse<String> postUsers = call("POST", "/simulator/users");

        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(put.headers().firstValue("Allow")).contains("GET, POST, DELETE");
        assertThat(Http.json(put).get("title").asText()).isEqualTo("Method Not Allowed");
        assertThat(postUsers.statusCode()).isEqualTo(405);
        assertThat(postUsers.headers().firstValue("Allow")).contains("GET");
    }

    @Test
    void head_is405_withoutABody() throws IOException {
        String answer = raw("HEAD /simulator/counters HTTP/1.1\r\nHost: 127.0.0.1:" + simulator.port() + "\r\n");

        assertThat(answer)
                .startsWith("HTTP/1.1 405 ")
                .contains("Allow: GET, DELETE")
                .endsWith("\r\n\r\n");
    }

    @Test
    void anUnknownPath_aQuery_orABody_isRefused() {
        HttpResponse<String> unknown = call("GET", "/simulator/faults");
        HttpResponse<String> trailingSlash = call("POST", "/simulator/users/bob/grants/ReadMessages/");
        HttpResponse<String> query = call("POST", "/simulator/users/bob/grants/ReadMessages?scope=Account");
        HttpResponse<String> body = http.send(http.request("/simulator/users/bob/grants/ReadMessages")
                .POST(HttpRequest.BodyPublishers.ofString("{\"scopes\":[\"Account\"]}"))
                .build());

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(Http.json(unknown).get("detail").asText()).startsWith("No such control path: /simulator/faults");
        assertThat(trailingSlash.statusCode()).isEqualTo(404);
        assertThat(query.statusCode()).isEqualTo(400);
        assertThat(Http.json(query).get("detail").asText()).isEqualTo("The control endpoint takes no query parameters");
        assertThat(body.statusCode()).isEqualTo(400);
        assertThat(Http.json(body).get("detail").asText()).isEqualTo("The control endpoint takes no request body");
        assertThat(simulator.userByLogin("bob").permissions()).isEmpty();
    }

    @Test
    void aWebPage_cannotDriveIt_butTheSamePortsLoopbackNamesCan() throws IOException {
        int port = simulator.port();
        String path = "/simulator/users/bob/grants/ReadMessages";

        String rebound = raw("POST " + path + " HTTP/1.1\r\nHost: evil.example:" + port + "\r\n");
        String cors =
                raw("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nOrigin: http://evil.example\r\n");
        String noHost = raw("POST " + path + " HTTP/1.0\r\n");
        assertThat(simulator.userByLogin("bob").permissions()).isEmpty();
        String localhost = raw("POST " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nOrigin: http://localhost:"
                + port + "\r\n");

        assertThat(rebound).startsWith("HTTP/1.1 403 ").contains("answers requests to 127.0.0.1:" + port + " only");
        assertThat(cors).startsWith("HTTP/1.1 403 ").contains("answers no web page (Origin http://evil.example)");
        assertThat(noHost).startsWith("HTTP/1.1 403 ");
        assertThat(localhost).startsWith("HTTP/1.1 200 ").contains("\"changed\":true");
    }

    @Test
    void itIsNotUnderRingCentralsPaths_andOffUnlessAsked() {
        HttpResponse<String> underRestApi =
                http.get("/restapi/v1.0/account/~/extension/~/simulator/users/bob/grants/ReadMessages", "bob-token");
        assertThat(underRestApi.statusCode()).isEqualTo(404);
        assertThat(underRestApi.body()).contains("CMN-102");

        try (RingCentralSimulator plain = RingCentralSimulator.builder()
                .user(u -> u.login("bob").token("bob-token"))
                .start()) {
            HttpResponse<String> response = new Http(plain)
                    .send(new Http(plain)
                            .request("/simulator/users/bob/grants/ReadMessages")
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build());

            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.body()).contains("CMN-102");
            assertThat(plain.user("bob-token").permissions()).isEmpty();
        }
    }

    /** One request written by hand (the JDK client will not send another Host), the answer read to the end. */
    private String raw(String requestHead) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), simulator.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((requestHead + "Content-Length: 0\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
