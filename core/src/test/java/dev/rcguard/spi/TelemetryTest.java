package dev.rcguard.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.rcguard.Decision.Outcome;
import dev.rcguard.Logical;
import dev.rcguard.internal.client.HttpRingCentralClient;
import dev.rcguard.internal.telemetry.OpenTelemetryRecorder;
import dev.rcguard.simulator.Endpoint;
import dev.rcguard.simulator.Fault;
import dev.rcguard.simulator.RateLimits;
import dev.rcguard.simulator.RingCentralSimulator;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The guard's metrics and spans, read with the OpenTelemetry SDK's in-memory readers after a known sequence of checks
 * against the simulator over real HTTP: every value is the one that sequence must produce, and no attribute, span name
 * or status anywhere holds the token or its fingerprint.
 *
 * <p>The guard and the simulator share a clock that only the test moves, so the rate-limit economy's arithmetic is
 * exact: RingCentral's default Light limit of 50 gives the guard a bucket of 5 calls, the last 2 of them kept for checks
 * that have no decision to reuse.
 */
class TelemetryTest {

    static final String ALICE = "telemetry-alice-token";
    static final String USER_ACCOUNT = "400100";
    static final String USER_EXTENSION = "400101";

    static final Requirement READ_MESSAGES = Requirement.permissions(Logical.ALL, "ReadMessages");
    static final Requirement READ_CALL_LOG = Requirement.permissions(Logical.ALL, "ReadCallLog");
    static final Requirement READ_PRESENCE = Requirement.permissions(Logical.ALL, "ReadPresence");
    static final Requirement EDIT_MESSAGES = Requirement.permissions(Logical.ALL, "EditMessages");
    static final Requirement READ_AND_EDIT = Requirement.permissions(Logical.ALL, "ReadMessages", "EditMessages");
    static final Requirement SMS = Requirement.features(Logical.ALL, "SMSSending");

    static final String PERMISSION_TEMPLATE =
            "/restapi/v1.0/account/{accountId}/extension/{extensionId}/authz-profile/check";
    static final String FEATURES_TEMPLATE = "/restapi/v1.0/account/{accountId}/extension/{extensionId}/features";

    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("rcguard.outcome");
    static final AttributeKey<String> REASON = AttributeKey.stringKey("rcguard.reason");
    static final AttributeKey<String> ENDPOINT = AttributeKey.stringKey("rcguard.endpoint");
    static final AttributeKey<Boolean> ENFORCED = AttributeKey.booleanKey("rcguard.enforced");
    static final AttributeKey<String> SOURCE = AttributeKey.stringKey("rcguard.source");
    static final AttributeKey<String> GROUP = AttributeKey.stringKey("rcguard.rate_limit.group");
    static final AttributeKey<List<String>> PERMISSIONS = AttributeKey.stringArrayKey("rcguard.permissions");
    static final AttributeKey<String> PERMISSIONS_LOGICAL = AttributeKey.stringKey("rcguard.permissions.logical");
    static final AttributeKey<List<String>> FEATURES = AttributeKey.stringArrayKey("rcguard.features");
    static final AttributeKey<String> FEATURES_LOGICAL = AttributeKey.stringKey("rcguard.features.logical");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
    static final AttributeKey<String> URL_SCHEME = AttributeKey.stringKey("url.scheme");
    static final AttributeKey<String> URL_TEMPLATE = AttributeKey.stringKey("url.template");
    static final AttributeKey<String> URL_FULL = AttributeKey.stringKey("url.full");
    static final AttributeKey<String> PROTOCOL_VERSION = AttributeKey.stringKey("network.protocol.version");

    /** A clock the test moves by hand, shared by the guard and the simulator. */
    static final class TestClock implements InstantSource {
        private volatile long millis = 1_700_000_000_000L;

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public long millis() {
            return millis;
        }
    }

    final TestClock clock = new TestClock();
    final InMemorySpanExporter spans = InMemorySpanExporter.create();
    final InMemoryMetricReader metrics = InMemoryMetricReader.create();
    OpenTelemetrySdk openTelemetry;
    RingCentralSimulator ringCentral;
    PermissionGuard guard;

    @BeforeEach
    void start() {
        openTelemetry = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(spans))
                        .build())
                .setMeterProvider(
                        SdkMeterProvider.builder().registerMetricReader(metrics).build())
                .build();
        ringCentral = RingCentralSimulator.builder()
                .rateLimits(RateLimits.ringCentralDefaults())
                .clock(clock)
                .user(u -> u.token(ALICE)
                        .accountId(USER_ACCOUNT)
                        .extensionId(USER_EXTENSION)
                        .grant("ReadMessages")
                        .grant("EditMessages")
                        .feature("SMSSending", true))
                .start();
        GuardConfig config = GuardConfig.load(name -> null).withServerUrl(ringCentral.baseUri());
        guard = new PermissionGuard(
                new HttpRingCentralClient(config),
                config,
                PermissionGuard.store(config),
                clock::millis,
                OpenTelemetryRecorder.of(openTelemetry, config));
    }

    @AfterEach
    void stop() {
        try {
            assertNoTokenAnywhere();
        } finally {
            guard.close();
            ringCentral.close();
            openTelemetry.close();
        }
    }

    Verdict enforce(String endpoint, Requirement requirement, RequestMemo memo, GuardConfig.Mode mode) {
        return guard.enforce(endpoint, requirement, Caller.of(ALICE), null, memo, mode);
    }

    Verdict enforce(String endpoint, Requirement requirement) {
        return enforce(endpoint, requirement, RequestMemo.create(), GuardConfig.Mode.ENFORCE);
    }

    @Test
    void aKnownSequence_isRecordedExactly_asMetricsAndAsOneSpanPerCheckWithAChildPerCall() {
        // 1. a grant: a live call (the token's first), 49 Light calls left for the user
        assertThat(enforce("GET /messages", READ_MESSAGES).proceeds()).isTrue();
        // 2. a denial: live (nothing to reuse for ReadCallLog yet), 48 left
        assertThat(enforce("GET /calls", READ_CALL_LOG).decision().outcome()).isEqualTo(Outcome.DENIED);
        // 3. report-only: the same denial, live (3 calls in the bucket: enough even for a check that could reuse), 47
        Verdict wouldRefuse = enforce("GET /calls", READ_CALL_LOG, RequestMemo.create(), GuardConfig.Mode.REPORT_ONLY);
        assertThat(wouldRefuse.proceeds()).isTrue();
        assertThat(wouldRefuse.decision().outcome()).isEqualTo(Outcome.DENIED);
        // 4. RingCentral fails: 503 from its gateway (no rate-limit headers); the bucket is down to 1
        ringCentral.inject(
                Endpoint.PERMISSION_CHECK, Fault.response(503, "text/html", "<html>Service Unavailable</html>"));
        Verdict failed = enforce("GET /presence", READ_PRESENCE);
        ringCentral.clearFaults();
        assertThat(failed.decision().outcome()).isEqualTo(Outcome.UNAVAILABLE);
        assertThat(failed.decision().reason().code()).isEqualTo("HTTP 503");
        // 5. a reuse: the last call of the bucket is kept for checks with nothing to reuse, so the grant of step 1
        //    answers (it is 0 ms old, within the 10 s bound)
        assertThat(enforce("GET /messages", READ_MESSAGES).proceeds()).isTrue();
        // 6. one request meets three checks: the first reuses again; the second is the same requirement (already
        //    granted: the memo answers its one id); the third shares ReadMessages with them (the memo answers it)
        //    and asks EditMessages live with the bucket's last call, 46 left
        RequestMemo request = RequestMemo.create();
        assertThat(enforce("GET /messages", READ_MESSAGES, request, GuardConfig.Mode.ENFORCE)
                        .proceeds())
                .isTrue();
        Verdict again = enforce("GET /messages", READ_MESSAGES, request, GuardConfig.Mode.ENFORCE);
        assertThat(again.alreadyGranted()).isTrue();
        assertThat(enforce("PUT /messages/{id}", READ_AND_EDIT, request, GuardConfig.Mode.ENFORCE)
                        .proceeds())
                .isTrue();
        // 7. a feature: the Medium group's own budget, live, 39 Medium calls left
        assertThat(enforce("POST /sms", SMS).proceeds()).isTrue();

        assertThat(ringCentral.counters().calls(Endpoint.PERMISSION_CHECK)).isEqualTo(5);
        assertThat(ringCentral.counters().calls(Endpoint.FEATURES)).isEqualTo(1);
        assertThat(guard.economy().reusedDecisions()).isEqualTo(2);

        // Metrics
        assertThat(sums("rcguard.decisions"))
                .containsOnly(
                        entry(decision("granted", null, "GET /messages", true), 3L),
                        entry(decision("denied", "InsufficientPermissions", "GET /calls", true), 1L),
                        entry(decision("denied", "InsufficientPermissions", "GET /calls", false), 1L),
                        entry(decision("unavailable", "HTTP 503", "GET /presence", true), 1L),
                        entry(decision("granted", null, "PUT /messages/{id}", true), 1L),
                        entry(decision("granted", null, "POST /sms", true), 1L));
        assertThat(counts("rcguard.decision.duration"))
                .containsOnly(
                        entry(Attributes.of(OUTCOME, "granted", ENDPOINT, "GET /messages"), 3L),
                        entry(Attributes.of(OUTCOME, "denied", ENDPOINT, "GET /calls"), 2L),
                        entry(Attributes.of(OUTCOME, "unavailable", ENDPOINT, "GET /presence"), 1L),
                        entry(Attributes.of(OUTCOME, "granted", ENDPOINT, "PUT /messages/{id}"), 1L),
                        entry(Attributes.of(OUTCOME, "granted", ENDPOINT, "POST /sms"), 1L));
        assertThat(metric("rcguard.decision.duration").getUnit()).isEqualTo("s");
        assertThat(sums("rcguard.answers.without_call"))
                .containsOnly(
                        entry(Attributes.of(SOURCE, "memo"), 2L), // 6: the already granted requirement, ReadMessages
                        entry(Attributes.of(SOURCE, "reused"), 2L)); // 5 and 6
        assertThat(counts("http.client.request.duration"))
                .containsOnly(
                        entry(call(PERMISSION_TEMPLATE, 200, null), 4L), // 1, 2, 3, 6
                        entry(call(PERMISSION_TEMPLATE, 503, "503"), 1L), // 4
                        entry(call(FEATURES_TEMPLATE, 200, null), 1L)); // 7
        assertThat(metric("http.client.request.duration").getUnit()).isEqualTo("s");
        assertThat(sums("http.client.active_requests"))
                .containsOnly(
                        entry(call(PERMISSION_TEMPLATE, 0, null), 0L), entry(call(FEATURES_TEMPLATE, 0, null), 0L));
        assertThat(counts("rcguard.rate_limit.remaining"))
                .containsOnly(entry(Attributes.of(GROUP, "Light"), 4L), entry(Attributes.of(GROUP, "Medium"), 1L));
        assertThat(histogramSums("rcguard.rate_limit.remaining"))
                .containsOnly(
                        entry(Attributes.of(GROUP, "Light"), 49.0 + 48 + 47 + 46),
                        entry(Attributes.of(GROUP, "Medium"), 39.0));
        assertThat(names()).doesNotContain("rcguard.rate_limit.refusals", "rcguard.rate_limit.penalties");

        // Spans: one per check decided (8: not the already granted one), a child per call (6), in the order they ended
        List<SpanData> finished = spans.getFinishedSpanItems();
        List<SpanData> checks = finished.stream()
                .filter(s -> s.getName().equals("rcguard.check"))
                .toList();
        List<SpanData> calls =
                finished.stream().filter(s -> s.getKind() == SpanKind.CLIENT).toList();
        assertThat(finished).hasSize(14);
        assertThat(checks).hasSize(8);
        assertThat(calls).hasSize(6);
        assertThat(checks).allSatisfy(check -> {
            assertThat(check.getKind()).isEqualTo(SpanKind.INTERNAL);
            assertThat(check.getParentSpanContext().isValid()).isFalse(); // the test's thread had no span
            assertThat(check.getInstrumentationScopeInfo().getName()).isEqualTo("dev.rcguard");
        });
        assertThat(attributes(checks.get(0)))
                .isEqualTo(Attributes.builder()
                        .put(ENDPOINT, "GET /messages")
                        .put(ENFORCED, true)
                        .put(PERMISSIONS, List.of("ReadMessages"))
                        .put(PERMISSIONS_LOGICAL, "ALL")
                        .put(OUTCOME, "granted")
                        .build());
        assertThat(checks.get(0).getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(attributes(checks.get(1)))
                .isEqualTo(Attributes.builder()
                        .put(ENDPOINT, "GET /calls")
                        .put(ENFORCED, true)
                        .put(PERMISSIONS, List.of("ReadCallLog"))
                        .put(PERMISSIONS_LOGICAL, "ALL")
                        .put(OUTCOME, "denied")
                        .put(REASON, "InsufficientPermissions")
                        .build());
        assertThat(checks.get(2).getAttributes().get(ENFORCED)).isFalse();
        assertThat(checks.get(2).getAttributes().get(OUTCOME)).isEqualTo("denied");
        assertThat(attributes(checks.get(3)))
                .isEqualTo(Attributes.builder()
                        .put(ENDPOINT, "GET /presence")
                        .put(ENFORCED, true)
                        .put(PERMISSIONS, List.of("ReadPresence"))
                        .put(PERMISSIONS_LOGICAL, "ALL")
                        .put(OUTCOME, "unavailable")
                        .put(REASON, "HTTP 503")
                        .put(ERROR_TYPE, "HTTP 503")
                        .build());
        assertThat(checks.get(3).getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(checks.get(4).getAttributes().get(OUTCOME)).isEqualTo("granted");
        assertThat(checks.get(5).getAttributes().get(OUTCOME)).isEqualTo("granted");
        assertThat(checks.get(6).getAttributes().get(PERMISSIONS)).containsExactly("ReadMessages", "EditMessages");
        assertThat(checks.get(6).getAttributes().get(ENDPOINT)).isEqualTo("PUT /messages/{id}");
        assertThat(checks.get(6).getAttributes().get(OUTCOME)).isEqualTo("granted");

        // each call is the child of its check: 1, 2, 3, 4, (5 and 6's first check: none), 6's third check, 7
        List<SpanData> checksWithCalls =
                new ArrayList<>(List.of(checks.get(0), checks.get(1), checks.get(2), checks.get(3), checks.get(6)));
        for (int i = 0; i < 5; i++) {
            SpanData callSpan = calls.get(i);
            assertThat(callSpan.getParentSpanId())
                    .as("call %d", i)
                    .isEqualTo(checksWithCalls.get(i).getSpanId());
            assertThat(callSpan.getTraceId()).isEqualTo(checksWithCalls.get(i).getTraceId());
            assertThat(callSpan.getName()).isEqualTo("GET " + PERMISSION_TEMPLATE);
        }
        String base = ringCentral.baseUri() + "/restapi/v1.0/account/~/extension/~";
        assertThat(attributes(calls.get(0)))
                .isEqualTo(call(PERMISSION_TEMPLATE, 200, null).toBuilder()
                        .put(URL_FULL, base + "/authz-profile/check?permissionId=ReadMessages")
                        .put(PROTOCOL_VERSION, "1.1")
                        .build());
        assertThat(calls.get(0).getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(attributes(calls.get(3)))
                .isEqualTo(call(PERMISSION_TEMPLATE, 503, "503").toBuilder()
                        .put(URL_FULL, base + "/authz-profile/check?permissionId=ReadPresence")
                        .put(PROTOCOL_VERSION, "1.1")
                        .build());
        assertThat(calls.get(3).getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(calls.get(4).getAttributes().get(URL_FULL))
                .isEqualTo(base + "/authz-profile/check?permissionId=EditMessages");
        SpanData smsCheck = spanOf("POST /sms");
        assertThat(attributes(smsCheck))
                .isEqualTo(Attributes.builder()
                        .put(ENDPOINT, "POST /sms")
                        .put(ENFORCED, true)
                        .put(FEATURES, List.of("SMSSending"))
                        .put(FEATURES_LOGICAL, "ALL")
                        .put(OUTCOME, "granted")
                        .build());
        SpanData featuresCall = calls.get(5);
        assertThat(featuresCall.getName()).isEqualTo("GET " + FEATURES_TEMPLATE);
        assertThat(featuresCall.getParentSpanId()).isEqualTo(smsCheck.getSpanId());
        assertThat(attributes(featuresCall))
                .isEqualTo(call(FEATURES_TEMPLATE, 200, null).toBuilder()
                        .put(URL_FULL, base + "/features?featureId=SMSSending")
                        .put(PROTOCOL_VERSION, "1.1")
                        .build());
    }

    @Test
    void twoIdenticalChecksAtOnce_shareOneCall_counted_andTheCallIsInFlightMeanwhile() throws Exception {
        ringCentral.inject(Endpoint.PERMISSION_CHECK, Fault.latencyMillis(500));
        CompletableFuture<Verdict> first = CompletableFuture.supplyAsync(() -> enforce("PUT /drafts", EDIT_MESSAGES));
        // The call counts as in flight when the guard registers it, and as an active request when its recording
        // starts, just before the request is sent: wait for both (the simulator answers 500 ms later).
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while ((guard.callsInFlight() == 0 || !names().contains("http.client.active_requests"))
                && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(guard.callsInFlight()).isEqualTo(1);
        assertThat(sums("http.client.active_requests")).containsOnly(entry(call(PERMISSION_TEMPLATE, 0, null), 1L));

        Verdict second = enforce("PUT /drafts", EDIT_MESSAGES); // joins the call in flight
        assertThat(second.proceeds()).isTrue();
        assertThat(first.get(5, TimeUnit.SECONDS).proceeds()).isTrue();

        assertThat(ringCentral.counters().calls(Endpoint.PERMISSION_CHECK)).isEqualTo(1);
        assertThat(sums("rcguard.answers.without_call")).containsOnly(entry(Attributes.of(SOURCE, "coalesced"), 1L));
        assertThat(sums("rcguard.decisions")).containsOnly(entry(decision("granted", null, "PUT /drafts", true), 2L));
        assertThat(counts("http.client.request.duration"))
                .containsOnly(entry(call(PERMISSION_TEMPLATE, 200, null), 1L));
        assertThat(sums("http.client.active_requests")).containsOnly(entry(call(PERMISSION_TEMPLATE, 0, null), 0L));
        List<SpanData> finished = spans.getFinishedSpanItems();
        assertThat(finished).hasSize(3);
        SpanData callSpan = finished.stream()
                .filter(s -> s.getKind() == SpanKind.CLIENT)
                .findFirst()
                .orElseThrow();
        List<SpanData> checks = finished.stream()
                .filter(s -> s.getName().equals("rcguard.check"))
                .toList();
        assertThat(checks).hasSize(2);
        // the call is the child of the check that made it; the other check has no child
        assertThat(checks)
                .filteredOn(c -> c.getSpanId().equals(callSpan.getParentSpanId()))
                .hasSize(1);
        assertThat(histogramSums("http.client.request.duration").values())
                .singleElement()
                .satisfies(seconds -> assertThat(seconds).isBetween(0.5, 5.0));
    }

    @Test
    void a429_isAPenalty_andTheChecksItHoldsBack_areRefusalsWithoutACall() {
        assertThat(ringCentral.spend(ALICE, RateLimits.Group.LIGHT, 50)).isEqualTo(50); // the application spent it all
        Verdict first = enforce("GET /messages", READ_MESSAGES); // the guard could not know: 429
        assertThat(first.decision().isRateLimited()).isTrue();
        Verdict held = enforce("GET /calls", READ_CALL_LOG); // during the penalty: no call
        assertThat(held.decision().reason().code()).isEqualTo("CMN-301");
        assertThat(ringCentral.counters().calls(Endpoint.PERMISSION_CHECK)).isEqualTo(1);

        assertThat(sums("rcguard.rate_limit.penalties")).containsOnly(entry(Attributes.of(GROUP, "Light"), 1L));
        assertThat(sums("rcguard.rate_limit.refusals")).containsOnly(entry(Attributes.of(REASON, "CMN-301"), 1L));
        assertThat(counts("rcguard.rate_limit.remaining")).containsOnly(entry(Attributes.of(GROUP, "Light"), 1L));
        assertThat(histogramSums("rcguard.rate_limit.remaining"))
                .containsOnly(entry(Attributes.of(GROUP, "Light"), 0.0));
        assertThat(counts("http.client.request.duration"))
                .containsOnly(entry(call(PERMISSION_TEMPLATE, 429, "429"), 1L));
        assertThat(sums("rcguard.decisions"))
                .containsOnly(
                        entry(decision("unavailable", "CMN-301", "GET /messages", true), 1L),
                        entry(decision("unavailable", "CMN-301", "GET /calls", true), 1L));
        assertThat(spans.getFinishedSpanItems()).hasSize(3); // two checks, one call
    }

    @Test
    void aTokenRingCentralEchoesBack_inItsErrorCode_reachesNoAttribute() {
        ringCentral.inject(
                Endpoint.PERMISSION_CHECK,
                Fault.status(403, "{\"errorCode\":\"CMN-408 " + ALICE + "\",\"message\":\"" + ALICE + "\"}"));
        Verdict denied = enforce("GET /messages", READ_MESSAGES);

        assertThat(denied.decision().reason().code()).isEqualTo("CMN-408 [token]");
        assertThat(sums("rcguard.decisions"))
                .containsOnly(entry(decision("denied", "CMN-408 [token]", "GET /messages", true), 1L));
        assertThat(spanOf("GET /messages").getAttributes().get(REASON)).isEqualTo("CMN-408 [token]");
        // and assertNoTokenAnywhere() after each test
    }

    @Test
    void aWebXmlFiltersEndpoint_losesItsRequestUri_inMetrics_butNotInItsSpan() {
        guard.enforce(
                "filter 'reports' GET /reports/2024/q1",
                READ_MESSAGES,
                Caller.of(ALICE),
                null,
                RequestMemo.create(),
                GuardConfig.Mode.ENFORCE);

        assertThat(sums("rcguard.decisions"))
                .containsOnly(entry(decision("granted", null, "filter 'reports' GET", true), 1L));
        assertThat(spans.getFinishedSpanItems().stream()
                        .filter(s -> s.getName().equals("rcguard.check"))
                        .map(s -> s.getAttributes().get(ENDPOINT)))
                .containsExactly("filter 'reports' GET /reports/2024/q1");
    }

    @Test
    void aCheckMadeInsideTheApplicationsOwnSpan_isItsChild() {
        var tracer = openTelemetry.getTracer("the-application");
        var request =
                tracer.spanBuilder("GET /messages").setSpanKind(SpanKind.SERVER).startSpan();
        try (var ignored = request.makeCurrent()) {
            assertThat(enforce("GET /messages", READ_MESSAGES).proceeds()).isTrue();
        } finally {
            request.end();
        }
        SpanData check = spanOf("GET /messages");
        assertThat(check.getParentSpanId()).isEqualTo(request.getSpanContext().getSpanId());
        assertThat(check.getTraceId()).isEqualTo(request.getSpanContext().getTraceId());
        assertThat(io.opentelemetry.api.trace.Span.current().getSpanContext().isValid())
                .as("nothing is left current on the thread")
                .isFalse();
    }

    // --- reading what was recorded

    /** That neither the token nor its fingerprint is in any span (name, attribute, status, event) or metric point. */
    void assertNoTokenAnywhere() {
        String fingerprint = Caller.of(ALICE).fingerprint();
        StringBuilder everything = new StringBuilder();
        for (SpanData span : spans.getFinishedSpanItems()) {
            everything.append(span.getName()).append(span.getAttributes()).append(span.getStatus());
            span.getEvents().forEach(event -> everything.append(event.getName()).append(event.getAttributes()));
            span.getLinks().forEach(link -> everything.append(link.getAttributes()));
        }
        for (MetricData metric : metrics.collectAllMetrics()) {
            everything.append(metric.getName()).append(metric.getDescription());
            metric.getData().getPoints().forEach(point -> everything.append(point.getAttributes()));
        }
        assertThat(everything.toString())
                .isNotEmpty()
                .doesNotContain(ALICE)
                .doesNotContain(fingerprint)
                .doesNotContain(fingerprint.substring(0, 16));
    }

    Collection<MetricData> collected() {
        return metrics.collectAllMetrics();
    }

    List<String> names() {
        return collected().stream().map(MetricData::getName).toList();
    }

    MetricData metric(String name) {
        return collected().stream()
                .filter(m -> m.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no metric " + name + " in " + names()));
    }

    /** A counter's or up-down counter's value per attribute set. */
    Map<Attributes, Long> sums(String name) {
        Map<Attributes, Long> values = new HashMap<>();
        metric(name).getLongSumData().getPoints().forEach(p -> values.put(p.getAttributes(), p.getValue()));
        return values;
    }

    /** A histogram's count per attribute set. */
    Map<Attributes, Long> counts(String name) {
        MetricData metric = metric(name);
        Map<Attributes, Long> values = new HashMap<>();
        metric.getData().getPoints().forEach(p -> values.put(p.getAttributes(), histogramCount(metric, p)));
        return values;
    }

    Map<Attributes, Double> histogramSums(String name) {
        Map<Attributes, Double> values = new HashMap<>();
        MetricData metric = metric(name);
        switch (metric.getType()) {
            case HISTOGRAM ->
                metric.getHistogramData().getPoints().forEach(p -> values.put(p.getAttributes(), p.getSum()));
            default -> throw new AssertionError(name + " is a " + metric.getType());
        }
        return values;
    }

    static long histogramCount(MetricData metric, io.opentelemetry.sdk.metrics.data.PointData point) {
        return ((io.opentelemetry.sdk.metrics.data.HistogramPointData) point).getCount();
    }

    /** A span's attributes as plain {@link Attributes}, comparable with {@code equals}. */
    static Attributes attributes(SpanData span) {
        return span.getAttributes().toBuilder().build();
    }

    SpanData spanOf(String endpoint) {
        return spans.getFinishedSpanItems().stream()
                .filter(s -> endpoint.equals(s.getAttributes().get(ENDPOINT)))
                .findFirst()
                .orElseThrow();
    }

    static Attributes decision(String outcome, String reason, String endpoint, boolean enforced) {
        var builder = Attributes.builder()
                .put(OUTCOME, outcome)
                .put(ENDPOINT, endpoint)
                .put(ENFORCED, enforced);
        if (reason != null) {
            builder.put(REASON, reason);
        }
        return builder.build();
    }

    /** The attributes of a call's metrics: the HTTP client's semantic conventions. */
    Attributes call(String template, int status, String errorType) {
        var builder = Attributes.builder()
                .put(METHOD, "GET")
                .put(SERVER_ADDRESS, "127.0.0.1")
                .put(SERVER_PORT, (long) ringCentral.port())
                .put(URL_SCHEME, "http")
                .put(URL_TEMPLATE, template);
        if (status > 0) {
            builder.put(STATUS, (long) status);
        }
        if (errorType != null) {
            builder.put(ERROR_TYPE, errorType);
        }
        return builder.build();
    }
}
