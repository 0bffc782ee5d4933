package com.example.messages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rcguard.RequiresRingCentralPermission;
import dev.rcguard.cdi.PermissionDeniedMapper;
import dev.rcguard.cdi.RingCentralGuardFeature;
import dev.rcguard.testkit.SimulatedRingCentral;
import dev.rcguard.testkit.WithRingCentralSimulator;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Application;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.jboss.resteasy.plugins.server.servlet.HttpServlet30Dispatcher;
import org.jboss.weld.environment.servlet.Listener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@WithRingCentralSimulator
class MessagesResourceTest {

    @Path("/messages")
    public static class MessagesResource {
        @GET
        @RequiresRingCentralPermission("ReadMessages")
        public String messages() {
            return "3 messages";
        }
    }

    public static class MessagesApplication extends Application {
        @Override
        public Set<Class<?>> getClasses() {
            return Set.of(MessagesResource.class, RingCentralGuardFeature.class, PermissionDeniedMapper.class);
        }
    }

    static Server server;

    @BeforeAll
    static void startTheApplication() throws Exception {
        // Jetty + Weld + RESTEasy, as a WAR has them on a servlet container. No rcguard.* setting here:
        // the test kit has pointed rcguard.server-url at its simulator.
        server = new Server(new InetSocketAddress("127.0.0.1", 0));
        ServletContextHandler context = new ServletContextHandler("/");
        context.addEventListener(new Listener());
        ServletHolder jaxRs = context.addServlet(HttpServlet30Dispatcher.class, "/*");
        jaxRs.setInitParameter("jakarta.ws.rs.Application", MessagesApplication.class.getName());
        jaxRs.setInitParameter("resteasy.injector.factory", "org.jboss.resteasy.cdi.CdiInjectorFactory");
        server.setHandler(context);
        server.start();
    }

    @AfterAll
    static void stopTheApplication() throws Exception {
        server.stop();
    }

    @Test
    void grantedIs200_revokedIs403WithTheProblem(SimulatedRingCentral ringCentral) throws Exception {
        ringCentral.addUser("alice-token").grant("ReadMessages");

        HttpResponse<String> granted = get("/messages", "alice-token");

        assertThat(granted.statusCode()).isEqualTo(200);
        assertThat(granted.body()).isEqualTo("3 messages");

        ringCentral.revoke("alice-token", "ReadMessages");

        HttpResponse<String> revoked = get("/messages", "alice-token");

        assertThat(revoked.statusCode()).isEqualTo(403);
        assertThat(revoked.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(revoked.body())
                .isEqualTo("{\"type\":\"urn:rcguard:permission-denied\",\"title\":\"Forbidden\",\"status\":403,"
                        + "\"detail\":\"Permission ReadMessages is not granted\",\"permission\":\"ReadMessages\","
                        + "\"reason\":{\"code\":\"InsufficientPermissions\","
                        + "\"message\":\"Permission ReadMessages is not granted\"}}");
        assertThat(ringCentral.counters().calls("alice-token", "ReadMessages")).isEqualTo(2);
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + server.getURI().getPort() + path);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(10))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
