package dev.rcguard.internal.telemetry;

import dev.rcguard.Decision;
import dev.rcguard.internal.http.HttpResponse;
import dev.rcguard.spi.GuardConfig;
import dev.rcguard.spi.ManagedBeans;
import dev.rcguard.spi.Requirement;
import dev.rcguard.spi.RingCentralClient.Answer;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.LongUpDownCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.Scope;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The guard's metrics and spans, recorded to one application's {@link OpenTelemetry}. Loaded only when the OpenTelemetry
 * API is there ({@link GuardTelemetry#find}); every hook catches what the API may throw, a {@link LinkageError} from an
 * older API included, and then records nothing more: telemetry never breaks a check.
 *
 * <p>Names and attributes follow OpenTelemetry's semantic conventions where one exists (the HTTP client's, for the
 * calls to RingCentral); the guard's own carry the {@code rcguard.} prefix. docs/operations.md, "Metrics and traces", lists
 * them. Metric attributes are bounded: the endpoint is the annotated one (a {@code web.xml} filter's without its
 * request URI), reason codes and rate-limit groups are cut off after {@value #MAX_VALUES} distinct values
 * ({@value #OTHER}). No attribute carries a token, a fingerprint of one, or the caller's account or extension.
 */
public final class OpenTelemetryRecorder extends GuardTelemetry {

    private static final System.Logger LOG = System.getLogger("dev.rcguard");

    /** The instrumentation scope of every span and metric. */
    public static final String SCOPE = "dev.rcguard";

    static final String OTHER = "_OTHER";
    static final int MAX_VALUES = 100;
    static final int MAX_ENDPOINTS = 500;
    private static final int MAX_CACHED = 4096;

    // The guard's own attributes
    static final AttributeKey<String> ENDPOINT = AttributeKey.stringKey("rcguard.endpoint");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("rcguard.outcome");
    static final AttributeKey<String> REASON = AttributeKey.stringKey("rcguard.reason");
    static final AttributeKey<Boolean> ENFORCED = AttributeKey.booleanKey("rcguard.enforced");
    static final AttributeKey<String> SOURCE = AttributeKey.stringKey("rcguard.source");
    static final AttributeKey<String> GROUP = AttributeKey.stringKey("rcguard.rate_limit.group");
    static final AttributeKey<List<String>> PERMISSIONS = AttributeKey.stringArrayKey("rcguard.permissions");
    static final AttributeKey<List<String>> FEATURES = AttributeKey.stringArrayKey("rcguard.features");
    static final AttributeKey<String> LOGICAL_PERMISSIONS = AttributeKey.stringKey("rcguard.permissions.logical");
    static final AttributeKey<String> LOGICAL_FEATURES = AttributeKey.stringKey("rcguard.features.logical");
    static final AttributeKey<String> TARGET = AttributeKey.stringKey("rcguard.target_extension_id");

    // OpenTelemetry's semantic conventions (HTTP client, error.type)
    static final AttributeKey<String> HTTP_METHOD = AttributeKey.stringKey("http.request.method");
    static final AttributeKey<Long> HTTP_STATUS = AttributeKey.longKey("http.response.status_code");
    static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
    static final AttributeKey<String> URL_FULL = AttributeKey.stringKey("url.full");
    static final AttributeKey<String> URL_SCHEME = AttributeKey.stringKey("url.scheme");
    static final AttributeKey<String> URL_TEMPLATE = AttributeKey.stringKey("url.template");
    static final AttributeKey<String> PROTOCOL_VERSION = AttributeKey.stringKey("network.protocol.version");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    /** RingCentral's two endpoints, as {@code url.template} (below the server URL's own path). */
    static final String PERMISSION_TEMPLATE =
            "/restapi/v1.0/account/{accountId}/extension/{extensionId}/authz-profile/check";

    static final String FEATURES_TEMPLATE = "/restapi/v1.0/account/{accountId}/extension/{extensionId}/features";

    /** The HTTP semantic conventions' advice for request durations, in seconds. */
    static final List<Double> DURATION_BUCKETS =
            List.of(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0);

    static final List<Long> REMAINING_BUCKETS = List.of(0L, 1L, 2L, 5L, 10L, 20L, 50L, 100L, 1000L);

    /** A reason code for an HTTP answer whose body was unreadable: an error although its status may be 200. */
    static final String INVALID_RESPONSE = "InvalidResponse";

    private static final Attributes MEMO = Attributes.of(SOURCE, "memo");
    private static final Attributes COALESCED = Attributes.of(SOURCE, "coalesced");
    private static final Attributes REUSED = Attributes.of(SOURCE, "reused");

    private final Tracer tracer;
    private final LongCounter decisions;
    private final DoubleHistogram decisionDuration;
    private final LongCounter withoutCall;
    private final DoubleHistogram callDuration;
    private final LongUpDownCounter activeRequests;
    private final LongHistogram remaining;
    private final LongCounter refusals;
    private final LongCounter penalties;

    private final String baseUrl;
    private final Attributes server;
    private final Upstream permissionCalls;
    private final Upstream featureCalls;
    private final Upstream otherCalls;

    private final Bounded endpoints = new Bounded(MAX_ENDPOINTS);
    private final Bounded reasons = new Bounded(MAX_VALUES);
    private final Bounded groups = new Bounded(MAX_VALUES);
    private final Map<Object, Attributes> cache = new ConcurrentHashMap<>();
    private volatile boolean broken;

    /** One of RingCentral's endpoints: its template, the span name, and the attributes every call of it has. */
    private record Upstream(String spanName, Attributes attributes) {}

    private record DecisionKey(String outcome, String reason, String endpoint, boolean enforced) {}

    private record DurationKey(String outcome, String endpoint) {}

    private record CallKey(Upstream upstream, int status, String errorType) {}

    private OpenTelemetryRecorder(OpenTelemetry openTelemetry, GuardConfig config) {
        String version = OpenTelemetryRecorder.class.getPackage().getImplementationVersion();
        this.tracer = version == null
                ? openTelemetry.getTracer(SCOPE)
                : openTelemetry
                        .tracerBuilder(SCOPE)
                        .setInstrumentationVersion(version)
                        .build();
        Meter meter = version == null
                ? openTelemetry.getMeter(SCOPE)
                : openTelemetry
                        .meterBuilder(SCOPE)
                        .setInstrumentationVersion(version)
                        .build();
        this.decisions = meter.counterBuilder("rcguard.decisions")
                .setUnit("{decision}")
                .setDescription("Checks the guard decided, by outcome, reason code, endpoint, and whether the"
                        + " decision was enforced (false: report-only mode, a refusal let through)")
                .build();
        this.decisionDuration = meter.histogramBuilder("rcguard.decision.duration")
                .setUnit("s")
                .setDescription("How long the guard took to decide a check, RingCentral's answer included")
                .setExplicitBucketBoundariesAdvice(DURATION_BUCKETS)
                .build();
        this.withoutCall = meter.counterBuilder("rcguard.answers.without_call")
                .setUnit("{answer}")
                .setDescription("Answers about one permission or feature id given without a call to RingCentral:"
                        + " from the request's memo, by joining an identical call in flight, or by reusing the"
                        + " user's decision of at most the maximum age")
                .build();
        this.callDuration = meter.histogramBuilder("http.client.request.duration")
                .setUnit("s")
                .setDescription("Duration of HTTP client requests.")
                .setExplicitBucketBoundariesAdvice(DURATION_BUCKETS)
                .build();
        this.activeRequests = meter.upDownCounterBuilder("http.client.active_requests")
                .setUnit("{request}")
                .setDescription("Number of active HTTP requests.")
                .build();
        this.remaining = meter.histogramBuilder("rcguard.rate_limit.remaining")
                .ofLongs()
                .setUnit("{call}")
                .setDescription("What RingCentral said is left of the user's rate-limit window"
                        + " (X-Rate-Limit-Remaining), on each answer that said it")
                .setExplicitBucketBoundariesAdvice(REMAINING_BUCKETS)
                .build();
        this.refusals = meter.counterBuilder("rcguard.rate_limit.refusals")
                .setUnit("{answer}")
                .setDescription("Ids refused (503, Retry-After) without a call: the guard's share of the user's"
                        + " rate limit was spent (BudgetSpent), or a 429 penalty was running (CMN-301)")
                .build();
        this.penalties = meter.counterBuilder("rcguard.rate_limit.penalties")
                .setUnit("{penalty}")
                .setDescription("429 answers from RingCentral, each starting a penalty during which nothing is"
                        + " sent for the user in that group")
                .build();

        URI url = config.serverUrl();
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        int port = url.getPort() > 0 ? url.getPort() : scheme.equals("https") ? 443 : 80;
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        String basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        // scheme, host, port and path only: never user information, a query or a fragment
        this.baseUrl = scheme + "://" + url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "") + basePath;
        this.server = Attributes.of(
                HTTP_METHOD, "GET", SERVER_ADDRESS, url.getHost(), SERVER_PORT, (long) port, URL_SCHEME, scheme);
        this.permissionCalls = upstream(basePath + PERMISSION_TEMPLATE);
        this.featureCalls = upstream(basePath + FEATURES_TEMPLATE);
        this.otherCalls = new Upstream("GET", server);
    }

    private Upstream upstream(String template) {
        return new Upstream(
                "GET " + template,
                server.toBuilder().put(URL_TEMPLATE, template).build());
    }

    /** A recorder for {@code openTelemetry} (tests, and an application that hands its own over). */
    public static GuardTelemetry of(OpenTelemetry openTelemetry, GuardConfig config) {
        return new OpenTelemetryRecorder(openTelemetry, config);
    }

    /** {@link GuardTelemetry#find}, once the API is known to be there. */
    static GuardTelemetry locate(GuardConfig config, ClassLoader application) {
        OpenTelemetry bean = bean(application);
        if (bean != null) {
            return recorder(bean, config, "the application's OpenTelemetry (its CDI bean)");
        }
        OpenTelemetry global = global();
        if (global != null) {
            return recorder(global, config, "GlobalOpenTelemetry");
        }
        LOG.log(
                Level.DEBUG,
                "OpenTelemetry's API is present, but the application has no OpenTelemetry bean and nothing set"
                        + " GlobalOpenTelemetry: the RingCentral guard records no metrics or traces");
        return NONE;
    }

    /**
     * A recorder for {@code found}, unless it is the API's no-op (MicroProfile Telemetry's bean until
     * {@code otel.sdk.disabled=false}): then nothing is recorded, at no cost at all.
     */
    private static GuardTelemetry recorder(OpenTelemetry found, GuardConfig config, String which) {
        if (found.getTracerProvider() == TracerProvider.noop() && found.getMeterProvider() == MeterProvider.noop()) {
            LOG.log(
                    Level.INFO,
                    "RingCentral guard records no metrics or traces: " + which
                            + " is OpenTelemetry's no-op (otel.sdk.disabled?)");
            return NONE;
        }
        LOG.log(Level.INFO, "RingCentral guard records metrics and traces to " + which);
        return new OpenTelemetryRecorder(found, config);
    }

    /** The application's {@code OpenTelemetry} bean, through the {@link ManagedBeans} services (rcguard-cdi). */
    private static OpenTelemetry bean(ClassLoader application) {
        Iterator<ManagedBeans> providers =
                ServiceLoader.load(ManagedBeans.class, application).iterator();
        for (int i = 0; i < 10; i++) { // bounded: a broken provider may fail again and again
            try {
                if (!providers.hasNext()) {
                    return null;
                }
                OpenTelemetry found = providers.next().find(OpenTelemetry.class);
                if (found != null) {
                    return found;
                }
            } catch (ServiceConfigurationError | RuntimeException | LinkageError failed) {
                LOG.log(
                        Level.WARNING,
                        "The application's OpenTelemetry bean could not be looked up; trying GlobalOpenTelemetry",
                        failed);
            }
        }
        return null;
    }

    /**
     * {@link GlobalOpenTelemetry} when something set it. An API without {@code isSet()} is not asked: its {@code get()}
     * would fix a no-op instance as the global one for the whole JVM, and a later {@code set} by the application would
     * fail.
     */
    private static OpenTelemetry global() {
        try {
            return GlobalOpenTelemetry.isSet() ? GlobalOpenTelemetry.get() : null;
        } catch (NoSuchMethodError older) {
            return null;
        }
    }

    /** Something the API threw: logged once, and nothing is recorded from then on. */
    private void broke(Throwable failure) {
        if (!broken) {
            broken = true;
            LOG.log(
                    Level.WARNING,
                    "Recording to OpenTelemetry failed; the RingCentral guard records no more metrics or traces",
                    failure);
        }
    }

    @Override
    public Check check(
            String endpoint, Requirement requirement, String target, boolean enforced, IntSupplier answeredByMemo) {
        if (broken) {
            return Check.NONE;
        }
        try {
            return new CheckRecording(endpoint, requirement, target, enforced, answeredByMemo);
        } catch (RuntimeException | LinkageError failed) {
            broke(failed);
            return Check.NONE;
        }
    }

    @Override
    public void alreadyGranted(Requirement requirement) {
        int ids = (requirement.permissions() == null
                        ? 0
                        : requirement.permissions().ids().size())
                + (requirement.features() == null
                        ? 0
                        : requirement.features().ids().size());
        add(withoutCall, ids, MEMO);
    }

    @Override
    public void coalesced(int ids) {
        add(withoutCall, ids, COALESCED);
    }

    @Override
    public void reused() {
        add(withoutCall, 1, REUSED);
    }

    @Override
    public void refusedForBudget(String reasonCode) {
        if (broken) {
            return;
        }
        try {
            refusals.add(1, attributes(REASON, reasons.bound(reasonCode)));
        } catch (RuntimeException | LinkageError failed) {
            broke(failed);
        }
    }

    @Override
    public void penalized(String group) {
        if (broken) {
            return;
        }
        try {
            penalties.add(1, attributes(GROUP, groups.bound(group)));
        } catch (RuntimeException | LinkageError failed) {
            broke(failed);
        }
    }

    @Override
    public void budgetSeen(String group, int left) {
        if (broken) {
            return;
        }
        try {
            remaining.record(left, attributes(GROUP, groups.bound(group)));
        } catch (RuntimeException | LinkageError failed) {
            broke(failed);
        }
    }

    @Override
    public Call call(String target) {
        if (broken) {
            return Call.NONE;
        }
        try {
            return new CallRecording(target);
        } catch (RuntimeException | LinkageError failed) {
            broke(failed);
            return Call.NONE;
        }
    }

    private void add(LongCounter counter, long value, Attributes attributes) {
        if (broken || value <= 0) {
            return;
        }
        try {
            counter.add(value, attributes);
        } catch (RuntimeException | LinkageError failed) {
            broke(failed);
        }
    }

    /** One attribute, its {@link Attributes} kept (the values are bounded). */
    private Attributes attributes(AttributeKey<String> key, String value) {
        return cached(Map.entry(key.getKey(), value), () -> Attributes.of(key, value));
    }

    private Attributes cached(Object key, Supplier<Attributes> build) {
        Attributes known = cache.get(key);
        if (known != null) {
            return known;
        }
        Attributes built = build.get();
        if (cache.size() < MAX_CACHED) {
            cache.putIfAbsent(key, built);
        }
        return built;
    }

    private static String outcome(Decision decision) {
        return decision.outcome().name().toLowerCase(Locale.ROOT);
    }

    /**
     * The endpoint as a metric attribute: an adapter's name for it, except that a {@code web.xml} filter's
     * ({@code filter 'NAME' METHOD URI}) loses its request URI, which has as many values as the application has
     * resources ({@code filter 'NAME' METHOD} stays).
     */
    static String metricEndpoint(String endpoint) {
        if (endpoint == null) {
            return OTHER;
        }
        if (endpoint.startsWith("filter '")) {
            int uri = endpoint.lastIndexOf(' '); // a request URI has no space: its separator is the last one
            int method = endpoint.lastIndexOf("' ");
            if (uri > method + 2 && method > 0) {
                return endpoint.substring(0, uri);
            }
        }
        return endpoint;
    }

    /** One check's span, current on the thread that decides it, and what it decided. */
    private final class CheckRecording implements Check {

        private final long start = System.nanoTime();
        private final String endpoint;
        private final boolean enforced;
        private final IntSupplier answeredByMemo;
        private final int memoBefore;
        private final Span span;
        private final Scope scope;
        private boolean ended;

        CheckRecording(String endpoint, Requirement requirement, String target, boolean enforced, IntSupplier memo) {
            this.endpoint = endpoints.bound(metricEndpoint(endpoint));
            this.enforced = enforced;
            this.answeredByMemo = memo;
            this.memoBefore = memo.getAsInt();
            SpanBuilder builder = tracer.spanBuilder("rcguard.check")
                    .setSpanKind(SpanKind.INTERNAL)
                    .setAttribute(ENDPOINT, endpoint == null ? OTHER : endpoint)
                    .setAttribute(ENFORCED, enforced);
            if (requirement.permissions() != null) {
                builder.setAttribute(PERMISSIONS, requirement.permissions().ids());
                builder.setAttribute(
                        LOGICAL_PERMISSIONS, requirement.permissions().logical().name());
            }
            if (requirement.features() != null) {
                builder.setAttribute(FEATURES, requirement.features().ids());
                builder.setAttribute(
                        LOGICAL_FEATURES, requirement.features().logical().name());
            }
            if (target != null) {
                builder.setAttribute(TARGET, target);
            }
            this.span = builder.startSpan();
            this.scope = span.makeCurrent();
        }

        @Override
        public void decided(Decision decision) {
            if (ended) {
                return;
            }
            ended = true;
            try {
                double seconds = (System.nanoTime() - start) / 1e9;
                String outcome = outcome(decision);
                String code =
                        decision.reason() == null ? null : decision.reason().code();
                String reason = code == null ? null : reasons.bound(code);
                if (!broken) {
                    int fromMemo = answeredByMemo.getAsInt() - memoBefore;
                    if (fromMemo > 0) {
                        withoutCall.add(fromMemo, MEMO);
                    }
                    decisions.add(1, cached(new DecisionKey(outcome, reason, endpoint, enforced), () -> {
                        AttributesBuilder attributes = Attributes.builder()
                                .put(OUTCOME, outcome)
                                .put(ENDPOINT, endpoint)
                                .put(ENFORCED, enforced);
                        if (reason != null) {
                            attributes.put(REASON, reason);
                        }
                        return attributes.build();
                    }));
                    decisionDuration.record(
                            seconds,
                            cached(
                                    new DurationKey(outcome, endpoint),
                                    () -> Attributes.of(OUTCOME, outcome, ENDPOINT, endpoint)));
                }
                span.setAttribute(OUTCOME, outcome);
                if (code != null) { // a span may carry any code (cleaned of the token by the client, as every reason)
                    span.setAttribute(REASON, code.length() > 200 ? code.substring(0, 200) : code);
                }
                if (decision.outcome() == Decision.Outcome.UNAVAILABLE) {
                    span.setAttribute(ERROR_TYPE, reason);
                    span.setStatus(StatusCode.ERROR, reason);
                }
                span.end();
            } catch (RuntimeException | LinkageError failed) {
                broke(failed);
            }
        }

        @Override
        public void close() {
            try {
                scope.close();
                if (!ended) { // an exception left the check: it has no decision
                    ended = true;
                    span.setStatus(StatusCode.ERROR, "no decision");
                    span.end();
                }
            } catch (RuntimeException | LinkageError failed) {
                broke(failed);
            }
        }
    }

    /** One call to RingCentral: a client span, a child of the current one, and the HTTP client's metrics. */
    private final class CallRecording implements Call {

        private final long start = System.nanoTime();
        private final Upstream upstream;
        private final Span span;
        private volatile int status;
        private volatile String invalid;

        CallRecording(String target) {
            int query = target.indexOf('?');
            String path = query < 0 ? target : target.substring(0, query);
            this.upstream = path.endsWith("/authz-profile/check")
                    ? permissionCalls
                    : path.endsWith("/features") ? featureCalls : otherCalls;
            this.span = tracer.spanBuilder(upstream.spanName())
                    .setSpanKind(SpanKind.CLIENT)
                    .setAllAttributes(upstream.attributes())
                    .setAttribute(URL_FULL, baseUrl + target)
                    .setAttribute(PROTOCOL_VERSION, "1.1")
                    .startSpan();
            activeRequests.add(1, upstream.attributes());
        }

        @Override
        public Function<HttpResponse, Answer> answering(Function<HttpResponse, Answer> decide) {
            return response -> {
                status = response.status();
                Answer answer = decide.apply(response);
                if (INVALID_RESPONSE.equals(reasonCode(answer))) {
                    invalid = INVALID_RESPONSE;
                }
                return answer;
            };
        }

        @Override
        public CompletableFuture<Answer> ended(CompletableFuture<Answer> call) {
            return call.whenComplete(this::end);
        }

        private void end(Answer answer, Throwable failure) {
            try {
                double seconds = (System.nanoTime() - start) / 1e9;
                int code = status;
                String errorType = code >= 400
                        ? Integer.toString(code)
                        : invalid != null
                                ? invalid
                                : code > 0
                                        ? null
                                        : failure != null ? failure.getClass().getName() : failureOf(answer);
                activeRequests.add(-1, upstream.attributes());
                callDuration.record(seconds, cached(new CallKey(upstream, code, errorType), () -> {
                    AttributesBuilder attributes = upstream.attributes().toBuilder();
                    if (code > 0) {
                        attributes.put(HTTP_STATUS, (long) code);
                    }
                    if (errorType != null) {
                        attributes.put(ERROR_TYPE, errorType);
                    }
                    return attributes.build();
                }));
                if (code > 0) {
                    span.setAttribute(HTTP_STATUS, (long) code);
                }
                if (errorType != null) {
                    span.setAttribute(ERROR_TYPE, errorType);
                    span.setStatus(StatusCode.ERROR);
                }
                span.end();
            } catch (RuntimeException | LinkageError failed) {
                broke(failed);
            }
        }
    }

    /** The reason code of an answer's decisions (one call, one status: alike for every id), or {@code null}. */
    private static String reasonCode(Answer answer) {
        if (answer == null || answer.decisions().isEmpty()) {
            return null;
        }
        Decision any = answer.decisions().values().iterator().next();
        return any.reason() == null ? null : any.reason().code();
    }

    /**
     * Why a call that brought no HTTP answer failed, as the client's refusal names it ({@code Timeout},
     * {@code ConnectionFailed}, {@code InvalidResponse}, {@code Overloaded}): a low-cardinality {@code error.type}.
     */
    private String failureOf(Answer answer) {
        String code = reasonCode(answer);
        return code == null ? OTHER : reasons.bound(code);
    }

    /**
     * Values of one attribute as they come, until {@code max} distinct ones were seen: then {@value #OTHER} for any
     * new one, so that an answer RingCentral (or anything in its place) makes up cannot grow a metric without bound.
     */
    static final class Bounded {

        private final int max;
        private final Map<String, String> seen = new ConcurrentHashMap<>();

        Bounded(int max) {
            this.max = max;
        }

        String bound(String value) {
            if (value == null) {
                return OTHER;
            }
            String known = seen.get(value);
            if (known != null) {
                return known;
            }
            if (seen.size() >= max || value.length() > 100) {
                return OTHER;
            }
            String previous = seen.putIfAbsent(value, value);
            return previous == null ? value : previous;
        }
    }
}
