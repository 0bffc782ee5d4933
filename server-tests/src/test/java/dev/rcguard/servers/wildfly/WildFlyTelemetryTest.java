package dev.rcguard.servers.wildfly;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rcguard.servers.fixture.GuardedApplication;
import dev.rcguard.servers.fixture.InboxResource;
import dev.rcguard.servers.fixture.InboxService;
import dev.rcguard.servers.fixture.MessagesResource;
import dev.rcguard.servers.support.Http;
import dev.rcguard.servers.support.OtlpReceiver;
import dev.rcguard.servers.support.OtlpReceiver.ReceivedMetric;
import dev.rcguard.servers.support.OtlpReceiver.ReceivedSpan;
import dev.rcguard.servers.support.Reply;
import dev.rcguard.servers.support.Wars;
import dev.rcguard.simulator.RateLimits;
import dev.rcguard.simulator.RingCentralSimulator;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.trace.v1.Span;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On WildFly with MicroProfile Telemetry ({@code standalone-microprofile.xml}: the {@code opentelemetry} and
 * {@code microprofile-telemetry} subsystems), the guard records to the application's OpenTelemetry (the CDI bean, as
 * {@code rcguard-cdi} hands it over), and its spans and metrics reach the server's OTLP exporter: an OTLP/HTTP
 * receiver in this JVM reads them. The application turns the SDK on and points it at the receiver in its
 * {@code microprofile-config.properties}, as MicroProfile Telemetry has it.
 *
 * <p>Every port is in 127.0.0.1:18700-18749: WildFly's sockets with a port offset of 14000 (HTTP 18700, management
 * 18702, transactions 18712 and 18713), the receiver 18720, the simulator 18721.
 */
class WildFlyTelemetryTest {

    static final int HTTP = 18700;
    static final int MANAGEMENT = 18702;
    static final int OTLP = 18720;
    static final int SIMULATOR = 18721;
    static final String READER = "wildfly-otel-reader-token";
    static final String OUTSIDER = "wildfly-otel-outsider-token";
    static final String SERVICE = "rcguard-telemetry";
    static final String INBOX = InboxService.class.getName() + "#inbox";
    static final String CHECK_TEMPLATE =
            "/restapi/v1.0/account/{accountId}/extension/{extensionId}/authz-profile/check";
    /** The exporters send every 100 ms (spans) and 1 s (metrics); this bounds the wait for both. */
    static final Duration EXPORTED = Duration.ofSeconds(60);

    static OtlpReceiver otlp;
    static RingCentralSimulator simulator;
    static WildFlyServer wildfly;

    @BeforeAll
    static void start() {
        otlp = OtlpReceiver.start(OTLP);
        simulator = RingCentralSimulator.builder()
                .port(SIMULATOR)
                .rateLimits(RateLimits.disabled())
                .user(u -> u.token(READER).grant("ReadMessages"))
                .user(u -> u.token(OUTSIDER))
                .start();
        wildfly = WildFlyServer.start(
                "wildfly-telemetry",
                "standalone-microprofile.xml",
                HTTP,
                MANAGEMENT,
                "-Djboss.socket.binding.port-offset=14000",
                "-Djboss.http.port=4700",
                "-Djboss.https.port=4701",
                "-Djboss.management.http.port=4702",
                "-Djboss.management.https.port=4703",
                "-Djboss.ajp.port=4704");
    }

    @AfterAll
    static void stop() {
        try {
            if (wildfly != null) {
                wildfly.close();
            }
        } finally {
            try {
                if (simulator != null) {
                    simulator.close();
                }
            } finally {
                if (otlp != null) {
                    otlp.close();
                }
            }
        }
    }

    @Test
    void theGuardsSpansAndMetrics_reachTheServersOtlpExporter() {
        wildfly.deploy(war());
        Reply granted = Http.get(wildfly.url("/telemetry/api/messages"), READER);
        assertThat(granted.status()).as("%s", granted).isEqualTo(200);
        Reply denied = Http.get(wildfly.url("/telemetry/api/messages"), OUTSIDER);
        assertThat(denied.status()).as("%s", denied).isEqualTo(403);
        Reply service = Http.get(wildfly.url("/telemetry/api/inbox"), READER); // the interceptor checks
        assertThat(service.status()).as("%s", service).isEqualTo(200);
        assertThat(service.body()).isEqualTo(InboxService.BODY);

        await(() -> checks().size() >= 3 && calls().size() >= 3, "three check spans and three call spans");
        await(
                () -> decisions()
                        .equals(Map.of(
                                "granted GET /messages", 1L, "denied GET /messages", 1L, "granted " + INBOX, 1L)),
                "rcguard.decisions: one granted and one denied by the JAX-RS filter, one granted by the interceptor");

        // Spans: one per check, with its call to the simulator as its child, in the application's service
        List<ReceivedSpan> filterChecks = checks().stream()
                .filter(check -> check.attributes().get("rcguard.endpoint").equals("GET /messages"))
                .toList();
        assertThat(filterChecks).hasSize(2).allSatisfy(check -> {
            assertThat(check.service()).isEqualTo(SERVICE);
            assertThat(check.span().getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_INTERNAL);
            assertThat(check.attributes())
                    .containsEntry("rcguard.permissions", "[ReadMessages]")
                    .containsEntry("rcguard.enforced", "true");
        });
        assertThat(filterChecks)
                .extracting(check -> check.attributes().get("rcguard.outcome"))
                .containsExactlyInAnyOrder("granted", "denied");
        assertThat(filterChecks)
                .filteredOn(check -> "denied".equals(check.attributes().get("rcguard.outcome")))
                .singleElement()
                .satisfies(check ->
                        assertThat(check.attributes()).containsEntry("rcguard.reason", "InsufficientPermissions"));
        List<ReceivedSpan> calls = calls();
        assertThat(calls).hasSize(3).allSatisfy(call -> {
            assertThat(call.span().getName()).isEqualTo("GET " + CHECK_TEMPLATE);
            assertThat(call.span().getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
            assertThat(call.attributes())
                    .containsEntry("http.request.method", "GET")
                    .containsEntry("http.response.status_code", "200")
                    .containsEntry("server.address", "127.0.0.1")
                    .containsEntry("server.port", Integer.toString(SIMULATOR))
                    .containsEntry("url.template", CHECK_TEMPLATE);
            assertThat(checks())
                    .as("the call's parent is a check of the same trace")
                    .anyMatch(check -> check.span()
                                    .getSpanId()
                                    .equals(call.span().getParentSpanId())
                            && check.span().getTraceId().equals(call.span().getTraceId()));
        });

        // What WildFly does with the request's own span: MicroProfile Telemetry starts it in a JAX-RS request filter
        // of the default priority (USER), which runs after the guard's (AUTHORIZATION). So the JAX-RS filter's check
        // has no current span to be the child of: it starts a trace of its own. A request it refuses never reaches
        // that filter and has no server span at all; the granted one has, in another trace.
        assertThat(filterChecks)
                .allSatisfy(check -> assertThat(check.span().getParentSpanId())
                        .as("the parent of %s", check.attributes())
                        .isEmpty());
        List<ReceivedSpan> servers = otlp.spans().stream()
                .filter(s -> s.span().getKind() == Span.SpanKind.SPAN_KIND_SERVER)
                .toList();
        assertThat(servers)
                .extracting(server -> server.span().getName())
                .containsExactlyInAnyOrder("GET /telemetry/api/messages", "GET /telemetry/api/inbox");
        // The interceptor checks inside the resource method: its check is a child of the request's span
        ReceivedSpan inbox = checks().stream()
                .filter(check -> check.attributes().get("rcguard.endpoint").equals(INBOX))
                .findFirst()
                .orElseThrow();
        assertThat(inbox.attributes()).containsEntry("rcguard.outcome", "granted");
        ReceivedSpan inboxRequest = servers.stream()
                .filter(server -> server.span().getName().equals("GET /telemetry/api/inbox"))
                .findFirst()
                .orElseThrow();
        assertThat(inbox.span().getParentSpanId()).isEqualTo(inboxRequest.span().getSpanId());
        assertThat(inbox.span().getTraceId()).isEqualTo(inboxRequest.span().getTraceId());

        // Metrics, in the guard's instrumentation scope
        assertThat(callCount()).isEqualTo(3);
        assertThat(otlp.metrics())
                .filteredOn(metric -> metric.metric().getName().startsWith("rcguard."))
                .allSatisfy(metric -> assertThat(metric.scope()).isEqualTo("dev.rcguard"));

        // Never a token, anywhere in what was exported
        assertThat(otlp.rawBodies()).doesNotContain(READER).doesNotContain(OUTSIDER);
        assertThat(wildfly.process().nonLoopbackListeners()).isEmpty();
        assertThat(wildfly.serverLog())
                .contains("RingCentral guard records metrics and traces to the application's OpenTelemetry"
                        + " (its CDI bean)");
    }

    private static List<ReceivedSpan> checks() {
        return otlp.spans().stream()
                .filter(s -> s.span().getName().equals("rcguard.check"))
                .toList();
    }

    private static List<ReceivedSpan> calls() {
        return otlp.spans().stream()
                .filter(s -> s.span().getName().equals("GET " + CHECK_TEMPLATE))
                .toList();
    }

    /** {@code rcguard.decisions} by outcome and endpoint, as the latest export said (the sums are cumulative). */
    private static Map<String, Long> decisions() {
        Map<String, Long> latest = new HashMap<>();
        for (ReceivedMetric metric : otlp.metrics()) {
            if (metric.metric().getName().equals("rcguard.decisions")) {
                for (NumberDataPoint point : metric.metric().getSum().getDataPointsList()) {
                    Map<String, String> attributes = OtlpReceiver.attributes(point.getAttributesList());
                    latest.put(
                            attributes.get("rcguard.outcome") + " " + attributes.get("rcguard.endpoint"),
                            point.getAsInt());
                }
            }
        }
        return latest;
    }

    /** The count of {@code http.client.request.duration} in the latest export. */
    private static long callCount() {
        long count = 0;
        for (ReceivedMetric metric : otlp.metrics()) {
            if (metric.metric().getName().equals("http.client.request.duration")
                    && metric.scope().equals("dev.rcguard")) {
                count = 0;
                for (HistogramDataPoint point : metric.metric().getHistogram().getDataPointsList()) {
                    count += point.getCount();
                }
            }
        }
        return count;
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + EXPORTED.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not exported within " + EXPORTED + ": " + what + "; received "
                        + otlp.paths() + ", spans "
                        + otlp.spans().stream().map(s -> s.span().getName()).toList());
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static WebArchive war() {
        return Wars.onApplicationServer(
                        "telemetry",
                        simulator.baseUri().toString(),
                        String.join(
                                "\n",
                                "otel.sdk.disabled=false",
                                "otel.service.name=" + SERVICE,
                                "otel.exporter.otlp.protocol=http/protobuf",
                                "otel.exporter.otlp.endpoint=" + otlp.endpoint(),
                                "otel.traces.exporter=otlp",
                                "otel.metrics.exporter=otlp",
                                "otel.logs.exporter=none",
                                "otel.traces.sampler=always_on",
                                "otel.bsp.schedule.delay=100",
                                "otel.metric.export.interval=1000",
                                ""))
                .addClasses(GuardedApplication.class, MessagesResource.class, InboxResource.class, InboxService.class);
    }
}
