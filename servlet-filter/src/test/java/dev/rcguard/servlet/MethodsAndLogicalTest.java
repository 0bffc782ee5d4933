package dev.rcguard.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rcguard.simulator.Endpoint;
import dev.rcguard.testkit.SimulatedRingCentral;
import dev.rcguard.testkit.WithRingCentralSimulator;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code methods} and {@code logical} init-params, and permissions and features together. */
@WithRingCentralSimulator
class MethodsAndLogicalTest {

    private static SimulatedRingCentral ringCentral;
    private static JettyServer jetty;

    @BeforeAll
    static void start() throws Exception {
        jetty = JettyServer.withServlet() // rcguard.server-url: the test kit's simulator
                .filter("edit", "/messages/*", Map.of("permissions", "EditMessages", "methods", "POST, delete"))
                .filter("reports", "/reports/*", Map.of("permissions", "ReadCallLog", "methods", "GET"))
                .filter("all", "/all/*", Map.of("permissions", "ReadMessages,EditMessages"))
                .filter("any", "/any/*", Map.of("permissions", "EditMessages, ReadMessages", "logical", "any"))
                .filter("features-any", "/fax-or-sms/*", Map.of("features", "FaxSending,SMSSending", "logical", "ANY"))
                .filter("features-all", "/fax-and-sms/*", Map.of("features", "SMSSending,FaxSending"))
                .filter("both", "/both/*", Map.of("permissions", "ReadMessages", "features", "FaxSending"))
                .start();
    }

    @BeforeEach
    void reader() {
        ringCentral.addUser(u -> u.token("reader")
                .grant("ReadMessages")
                .feature("SMSSending", true)
                .feature("FaxSending", false));
    }

    @AfterAll
    static void stop() throws Exception {
        jetty.close();
    }

    @Test
    void letsUnlistedMethodsThroughUnchecked_withoutAskingRingCentral() {
        long calls = ringCentral.counters().total();

        HttpResponse<String> get = Http.get(jetty.uri("/messages/1"), null);
        HttpResponse<String> put = Http.send("PUT", jetty.uri("/messages/1"), null);

        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).isEqualTo("ran GET /messages/1");
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(put.body()).isEqualTo("ran PUT /messages/1");
        assertThat(ringCentral.counters().total()).isEqualTo(calls);
    }

    @Test
    void checksListedMethods_givenInAnyCase() {
        int runs = jetty.servlet().invocations();

        HttpResponse<String> post = Http.send("POST", jetty.uri("/messages/1"), "reader");
        HttpResponse<String> delete = Http.send("DELETE", jetty.uri("/messages/1"), "reader");

        for (HttpResponse<String> response : java.util.List.of(post, delete)) {
            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(Problem.of(response).getString("permission")).isEqualTo("EditMessages");
        }
        assertThat(jetty.servlet().invocations()).isEqualTo(runs);
    }

    @Test
    void checksHead_whenGetIsListed() {
        HttpResponse<String> head = Http.send("HEAD", jetty.uri("/reports/today"), null);

        assertThat(head.statusCode()).isEqualTo(401);
        assertThat(head.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"RingCentral\"");
        assertThat(head.body()).isEmpty();
    }

    @Test
    void refusesWithAll_namingThePermissionNotGranted() {
        HttpResponse<String> response = Http.get(jetty.uri("/all/x"), "reader");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(Problem.of(response).getString("permission")).isEqualTo("EditMessages");
        assertThat(Problem.of(response).getString("detail")).isEqualTo("Permission EditMessages is not granted");
    }

    @Test
    void grantsWithAny_whenOnePermissionIsGranted() {
        HttpResponse<String> response = Http.get(jetty.uri("/any/x"), "reader");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ran GET /any/x");
    }

    @Test
    void grantsFeaturesWithAny_whenOneIsAvailable_askingBothInOneCall() {
        long featureCalls = ringCentral.counters().calls(Endpoint.FEATURES);

        HttpResponse<String> response = Http.get(jetty.uri("/fax-or-sms/x"), "reader");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ran GET /fax-or-sms/x");
        assertThat(ringCentral.counters().calls(Endpoint.FEATURES)).isEqualTo(featureCalls + 1);
    }

    @Test
    void refusesFeaturesWithAll_namingTheUnavailableFeature() {
        HttpResponse<String> response = Http.get(jetty.uri("/fax-and-sms/x"), "reader");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(Problem.of(response).getString("permission")).isEqualTo("FaxSending");
        assertThat(Problem.of(response).getString("feature")).isEqualTo("FaxSending");
    }

    @Test
    void refuses_whenThePermissionHoldsButTheFeatureDoesNot() {
        HttpResponse<String> response = Http.get(jetty.uri("/both/x"), "reader");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(Problem.of(response).getString("permission")).isEqualTo("FaxSending");
    }
}
