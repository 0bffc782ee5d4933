package dev.rcguard.benchmarks;

import dev.rcguard.Logical;
import dev.rcguard.internal.telemetry.GuardTelemetry;
import dev.rcguard.spi.Caller;
import dev.rcguard.spi.GuardConfig;
import dev.rcguard.spi.PermissionGuard;
import dev.rcguard.spi.RequestMemo;
import dev.rcguard.spi.Requirement;
import dev.rcguard.spi.RingCentralClient;
import dev.rcguard.spi.Verdict;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.lang.reflect.Constructor;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What recording to OpenTelemetry adds to a check: one request's {@code PermissionGuard.enforce}, as an adapter
 * calls it, with {@link InMemoryRingCentral} answering on the calling thread (the engine's own cost, no network), and
 * recording {@code off} (no OpenTelemetry instance: the guard's no-op hooks), {@code noop} (an application whose
 * OpenTelemetry is the API's no-op, as MicroProfile Telemetry's bean is until {@code otel.sdk.disabled=false}) or
 * {@code sdk} (the SDK, every span sampled, a batch span processor and a periodic metric reader whose exporters
 * discard what they are given: everything but the export itself).
 *
 * <p>{@code path=live}: every check calls RingCentral (the guard's clock moves 5 s per reading, so the user's budget
 * affords a call and no decision is young enough to reuse): a check span, a client span, and the decision and HTTP
 * client metrics. {@code path=reused}: the real clock, so that after the first calls the user's decision is reused: a
 * check span and the decision metrics, no call.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar TelemetryBenchmark -f 1 -wi 5 -i 10 -w 1s -r 1s
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TelemetryBenchmark {

    private static final Requirement ONE = Requirement.permissions(Logical.ALL, "ReadMessages");

    @Param({"off", "noop", "sdk"})
    public String recording;

    @Param({"live", "reused"})
    public String path;

    private OpenTelemetrySdk sdk;
    private PermissionGuard guard;
    private final LongAdder exportedSpans = new LongAdder();

    @Setup(Level.Trial)
    public void setUp() throws ReflectiveOperationException {
        GlobalOpenTelemetry.resetForTest();
        switch (recording) {
            case "off" -> {} // nothing set: the guard finds no OpenTelemetry
            case "noop" -> GlobalOpenTelemetry.set(OpenTelemetry.noop());
            case "sdk" -> {
                sdk = OpenTelemetrySdk.builder()
                        .setTracerProvider(SdkTracerProvider.builder()
                                .addSpanProcessor(BatchSpanProcessor.builder(new DiscardingSpans(exportedSpans))
                                        .build())
                                .build())
                        .setMeterProvider(SdkMeterProvider.builder()
                                .registerMetricReader(PeriodicMetricReader.builder(new DiscardingMetrics())
                                        .setInterval(Duration.ofSeconds(10))
                                        .build())
                                .build())
                        .build();
                GlobalOpenTelemetry.set(sdk);
            }
            default -> throw new IllegalArgumentException(recording);
        }
        GuardConfig config = GuardConfig.load(name -> null);
        InMemoryRingCentral client = InMemoryRingCentral.inline()
                .recordingTo(GuardTelemetry.find(config, Thread.currentThread().getContextClassLoader()));
        if (path.equals("live")) {
            AtomicLong millis = new AtomicLong(System.currentTimeMillis());
            // read twice per live check (admission, answer): 10,002 ms apart, past the 10 s decision age, and the
            // bucket regains more than the call it spends
            LongSupplier clock = () -> millis.addAndGet(5_001);
            guard = guard(client, config, clock);
        } else {
            guard = PermissionGuard.over(client, config);
        }
    }

    /** The guard with its own clock (package-private in core: benchmarks only). */
    private static PermissionGuard guard(RingCentralClient client, GuardConfig config, LongSupplier clock)
            throws ReflectiveOperationException {
        Constructor<PermissionGuard> constructor = PermissionGuard.class.getDeclaredConstructor(
                RingCentralClient.class, GuardConfig.class, LongSupplier.class);
        constructor.setAccessible(true);
        return constructor.newInstance(client, config, clock);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        long calls = guard.economy().liveCalls();
        long reused = guard.economy().reusedDecisions();
        guard.close();
        if (sdk != null) {
            sdk.close();
        }
        GlobalOpenTelemetry.resetForTest();
        System.out.printf(
                "%n%s/%s: %d live calls, %d reused decisions, %d spans exported%n",
                recording, path, calls, reused, exportedSpans.sum());
    }

    @Benchmark
    public Verdict enforce() {
        return guard.enforce(
                "GET /messages",
                ONE,
                Caller.ofBearer(EngineBenchmark.HEADER),
                null,
                RequestMemo.create(),
                GuardConfig.Mode.ENFORCE);
    }

    /** Takes every span and drops it: the SDK's whole work but the export. */
    static final class DiscardingSpans implements SpanExporter {
        private final LongAdder count;

        DiscardingSpans(LongAdder count) {
            this.count = count;
        }

        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            count.add(spans.size());
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }

    /** Takes every collection and drops it. */
    static final class DiscardingMetrics implements MetricExporter {
        @Override
        public CompletableResultCode export(Collection<MetricData> metrics) {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
            return AggregationTemporality.CUMULATIVE;
        }

        @Override
        public MemoryMode getMemoryMode() {
            return MemoryMode.REUSABLE_DATA;
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
