package dev.rcguard.cdi.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rcguard.Logical;
import dev.rcguard.RequiresRingCentralPermission;
import dev.rcguard.cdi.PermissionDeniedMapper;
import dev.rcguard.cdi.RingCentralGuardFeature;
import dev.rcguard.simulator.Endpoint;
import dev.rcguard.simulator.Fault;
import dev.rcguard.simulator.RingCentralSimulator;
import dev.rcguard.spi.ApplicationGuard;
import dev.rcguard.spi.Caller;
import dev.rcguard.spi.RequestMemo;
import dev.rcguard.spi.Requirement;
import jakarta.servlet.ServletContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Context;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The application owns one guard: the servlet filter and the JAX-RS/CDI layer share its rate-limit state, and
 * stopping the application closes it, leaving no thread behind and no error in the log.
 */
class ApplicationLifecycleTest {

    /**
     * A guarded method, whose check runs its calls on the request's thread, and one that checks through the
     * application's guard with {@code checkAsync}, whose calls run on the guard's own client threads.
     */
    @Path("/reports")
    public static class ReportsResource {
        @GET
        @RequiresRingCentralPermission({"ReadMessages", "ReadCallLog"})
        public String reports() {
            return "2 reports";
        }

        @GET
        @Path("/async")
        public String async(@Context ServletContext context, @HeaderParam("Authorization") String authorization)
                throws Exception {
            try (ApplicationGuard.Lease lease = ApplicationGuard.acquire(
                    ApplicationGuard.Attributes.of(
                            context::getAttribute, context::setAttribute, context::removeAttribute),
                    context::getInitParameter,
                    name -> null)) {
                return lease.guard()
                        .checkAsync(
                                Caller.ofBearer(authorization),
                                Requirement.permissions(Logical.ALL, "ReadCallLog"),
                                null,
                                RequestMemo.create())
                        .get(10, TimeUnit.SECONDS)
                        .outcome()
                        .name();
            }
        }
    }

    /** An application whose requests make the guard start client threads. */
    public static class ReportsApplication extends Application {
        @Override
        public Set<Class<?>> getClasses() {
            return Set.of(ReportsResource.class, RingCentralGuardFeature.class, PermissionDeniedMapper.class);
        }
    }

    private static final Logger ROOT = Logger.getLogger("");
    private final List<LogRecord> problems = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            String logger = String.valueOf(record.getLoggerName());
            if (record.getLevel().intValue() >= Level.WARNING.intValue()
                    && (logger.startsWith("org.jboss.weld") || logger.startsWith("dev.rcguard"))) {
                problems.add(record);
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private RingCentralSimulator ringCentral;

    @BeforeEach
    void start() {
        ringCentral = RingCentralSimulator.builder()
                .user(u -> u.token("alice").grant("ReadMessages").grant("ReadCallLog"))
                .start();
        TestConfig.pointAt(ringCentral, "enforce");
        ROOT.addHandler(capture);
    }

    @AfterEach
    void stop() {
        ROOT.removeHandler(capture);
        TestConfig.clear();
        ringCentral.close();
    }

    @Test
    void stoppingTheApplicationClosesItsGuard_noThreadLeft_noErrorLogged() throws Exception {
        try (EmbeddedServer server = EmbeddedServer.start(ReportsApplication.class, new ServletFilterStandIn())) {
            HttpResponse<String> reports = Http.get(server.uri("/reports"), "alice");
            assertThat(reports.statusCode()).isEqualTo(200);
            assertThat(reports.body()).isEqualTo("2 reports");
            HttpResponse<String> async = Http.get(server.uri("/reports/async"), "alice");
            assertThat(async.statusCode()).isEqualTo(200);
            assertThat(async.body()).isEqualTo("GRANTED");
            assertThat(clientThreads())
                    .as("the guard's client threads while the application runs")
                    .isPositive();
        }

        assertThat(awaitNoClientThreads())
                .as("client threads left after the application stopped")
                .isZero();
        assertThat(problems).extracting(LogRecord::getMessage).isEmpty();
    }

    @Test
    void theServletFilterAndJaxRsShareOneGuard_soA429SeenByOneHoldsTheOtherBack() throws Exception {
        ringCentral.inject(
                Endpoint.PERMISSION_CHECK,
                "alice",
                Fault.status(429, "{\"errorCode\":\"CMN-301\",\"message\":\"Request rate exceeded\"}")
                        .withHeader("Retry-After", "30"));
        try (EmbeddedServer server = EmbeddedServer.start(GuardedApplication.class, new ServletFilterStandIn())) {
            HttpResponse<String> first =
                    Http.get(server.uri("/messages"), "alice"); // the stand-in filter meets the 429
            long calls = ringCentral.counters().total();
            HttpResponse<String> second = Http.get(server.uri("/call-log"), "alice"); // JAX-RS: held back

            assertThat(first.statusCode()).isEqualTo(503);
            assertThat(second.statusCode()).isEqualTo(503);
            assertThat(second.headers().firstValue("Retry-After")).isPresent();
            assertThat(ringCentral.counters().total())
                    .as("nothing sent during RingCentral's penalty")
                    .isEqualTo(calls);
        }
    }

    private static long clientThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("rcguard-"))
                .count();
    }

    /** Threads end shortly after their pool is shut down: wait for them, a few seconds at most. */
    private static long awaitNoClientThreads() throws InterruptedException {
        for (int i = 0; i < 250 && clientThreads() > 0; i++) {
            Thread.sleep(20);
        }
        return clientThreads();
    }
}
