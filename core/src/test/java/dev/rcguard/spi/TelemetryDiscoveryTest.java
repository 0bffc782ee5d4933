package dev.rcguard.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rcguard.Logical;
import dev.rcguard.internal.telemetry.GuardTelemetry;
import dev.rcguard.internal.telemetry.OpenTelemetryRecorder;
import dev.rcguard.simulator.RateLimits;
import dev.rcguard.simulator.RingCentralSimulator;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.lang.reflect.Field;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the guard finds the application's OpenTelemetry: its CDI bean (through the {@link ManagedBeans} services that
 * rcguard-cdi provides) before {@link GlobalOpenTelemetry}, the global one only when something set it, nothing
 * otherwise; and that an OpenTelemetry that fails, or none on the class path at all, changes no decision.
 */
class TelemetryDiscoveryTest {

    static final String ALICE = "discovery-alice-token";
    static final Requirement READ_MESSAGES = Requirement.permissions(Logical.ALL, "ReadMessages");

    /** The bean the {@link Beans} service hands over, as rcguard-cdi hands over CDI's. */
    static volatile OpenTelemetry bean;

    public static class Beans implements ManagedBeans {
        @Override
        public <T> T find(Class<T> type) {
            return type == OpenTelemetry.class ? type.cast(bean) : null;
        }
    }

    RingCentralSimulator ringCentral;
    final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    final Handler logs = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void start() {
        GlobalOpenTelemetry.resetForTest();
        bean = null;
        ringCentral = RingCentralSimulator.builder()
                .rateLimits(RateLimits.disabled())
                .user(u -> u.token(ALICE).grant("ReadMessages"))
                .start();
        Logger.getLogger("dev.rcguard").addHandler(logs);
    }

    @AfterEach
    void stop() {
        Logger.getLogger("dev.rcguard").removeHandler(logs);
        GlobalOpenTelemetry.resetForTest();
        ringCentral.close();
    }

    GuardConfig config() {
        return GuardConfig.defaults().withServerUrl(ringCentral.baseUri());
    }

    static Verdict enforce(PermissionGuard guard) {
        return guard.enforce(
                "GET /messages", READ_MESSAGES, Caller.of(ALICE), null, RequestMemo.create(), GuardConfig.Mode.ENFORCE);
    }

    static GuardTelemetry telemetryOf(PermissionGuard guard) throws ReflectiveOperationException {
        Field field = PermissionGuard.class.getDeclaredField("telemetry");
        field.setAccessible(true);
        return (GuardTelemetry) field.get(guard);
    }

    /** An SDK whose spans land in {@code spans}. */
    static OpenTelemetrySdk sdk(InMemorySpanExporter spans) {
        return OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(spans))
                        .build())
                .build();
    }

    /** Runs {@code action} with {@code loader} as the thread's context class loader: the application's, to a guard. */
    static <T> T in(ClassLoader loader, Callable<T> action) throws Exception {
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(loader);
        try {
            return action.call();
        } finally {
            Thread.currentThread().setContextClassLoader(before);
        }
    }

    @Test
    void withOpenTelemetryOnTheClassPathButNoInstance_theGuardRecordsNothing_andLeavesTheGlobalOneUnset()
            throws Exception {
        try (PermissionGuard guard = PermissionGuard.create(config())) {
            assertThat(telemetryOf(guard)).isSameAs(GuardTelemetry.NONE);
            assertThat(enforce(guard).proceeds()).isTrue();
        }
        assertThat(GlobalOpenTelemetry.isSet())
                .as("get() would have fixed a no-op global for the JVM")
                .isFalse();
    }

    @Test
    void aGlobalOpenTelemetry_isUsed_whenTheApplicationSetOne() throws Exception {
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        try (OpenTelemetrySdk global = sdk(spans)) {
            GlobalOpenTelemetry.set(global);
            try (PermissionGuard guard = PermissionGuard.create(config())) {
                assertThat(telemetryOf(guard)).isInstanceOf(OpenTelemetryRecorder.class);
                assertThat(enforce(guard).proceeds()).isTrue();
            }
            assertThat(spans.getFinishedSpanItems())
                    .extracting(s -> s.getName())
                    .containsExactly(
                            "GET /restapi/v1.0/account/{accountId}/extension/{extensionId}/authz-profile/check",
                            "rcguard.check");
        }
        assertThat(logged)
                .extracting(LogRecord::getMessage)
                .contains("RingCentral guard records metrics and traces to GlobalOpenTelemetry");
    }

    @Test
    void aNoOpOpenTelemetry_asMicroProfileTelemetrysBeanIsUntilTheSdkIsEnabled_costsNothing() throws Exception {
        GlobalOpenTelemetry.set(OpenTelemetry.noop());
        try (PermissionGuard guard = PermissionGuard.create(config())) {
            assertThat(telemetryOf(guard)).isSameAs(GuardTelemetry.NONE);
            assertThat(enforce(guard).proceeds()).isTrue();
        }
        assertThat(logged)
                .extracting(LogRecord::getMessage)
                .contains("RingCentral guard records no metrics or traces: GlobalOpenTelemetry is OpenTelemetry's"
                        + " no-op (otel.sdk.disabled?)");
    }

    @Test
    void theApplicationsBean_throughTheManagedBeansService_comesBeforeTheGlobalOne(@TempDir Path services)
            throws Exception {
        Path file = services.resolve("META-INF/services/" + ManagedBeans.class.getName());
        Files.createDirectories(file.getParent());
        Files.writeString(file, Beans.class.getName() + "\n");
        InMemorySpanExporter beanSpans = InMemorySpanExporter.create();
        InMemorySpanExporter globalSpans = InMemorySpanExporter.create();
        try (OpenTelemetrySdk cdi = sdk(beanSpans);
                OpenTelemetrySdk global = sdk(globalSpans);
                URLClassLoader application = new URLClassLoader(
                        new URL[] {services.toUri().toURL()},
                        Thread.currentThread().getContextClassLoader())) {
            bean = cdi;
            GlobalOpenTelemetry.set(global);
            try (PermissionGuard guard = in(application, () -> PermissionGuard.create(config()))) {
                assertThat(enforce(guard).proceeds()).isTrue();
            }
            assertThat(beanSpans.getFinishedSpanItems()).hasSize(2);
            assertThat(globalSpans.getFinishedSpanItems()).isEmpty();
        }
        assertThat(logged)
                .extracting(LogRecord::getMessage)
                .contains(
                        "RingCentral guard records metrics and traces to the application's OpenTelemetry (its CDI bean)");
    }

    @Test
    void anOpenTelemetryThatFails_evenWithALinkageError_changesNoDecision_andIsDroppedAfterOneWarning()
            throws Exception {
        Tracer failing = name -> {
            throw new NoSuchMethodError("an older OpenTelemetry API than the guard was built with");
        };
        OpenTelemetry broken = new OpenTelemetry() {
            @Override
            public TracerProvider getTracerProvider() {
                return new TracerProvider() {
                    @Override
                    public Tracer get(String instrumentationScopeName) {
                        return failing;
                    }

                    @Override
                    public Tracer get(String instrumentationScopeName, String instrumentationScopeVersion) {
                        return failing;
                    }
                };
            }

            @Override
            public ContextPropagators getPropagators() {
                return ContextPropagators.noop();
            }
        };
        GuardConfig config = config();
        try (PermissionGuard guard = new PermissionGuard(
                new dev.rcguard.internal.client.HttpRingCentralClient(config),
                config,
                PermissionGuard.store(config),
                System::currentTimeMillis,
                OpenTelemetryRecorder.of(broken, config))) {
            for (int i = 0; i < 3; i++) {
                assertThat(enforce(guard).proceeds()).isTrue();
            }
            assertThat(guard.enforce(
                                    "GET /calls",
                                    Requirement.permissions(Logical.ALL, "ReadCallLog"),
                                    Caller.of(ALICE),
                                    null,
                                    RequestMemo.create(),
                                    GuardConfig.Mode.ENFORCE)
                            .proceeds())
                    .isFalse();
        }
        assertThat(logged)
                .filteredOn(record -> record.getMessage().startsWith("Recording to OpenTelemetry failed"))
                .singleElement()
                .satisfies(record -> assertThat(record.getThrown()).isInstanceOf(NoSuchMethodError.class));
    }

    @Test
    void withoutOpenTelemetryOnTheClassPath_theGuardLoadsNoneOfIt_andDecidesAsBefore() throws Exception {
        URL core = PermissionGuard.class.getProtectionDomain().getCodeSource().getLocation();
        // core's classes alone, over the platform's: no OpenTelemetry, no test class path
        try (URLClassLoader application = new URLClassLoader(new URL[] {core}, ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> application.loadClass("io.opentelemetry.api.OpenTelemetry"))
                    .isInstanceOf(ClassNotFoundException.class);
            Class<?> configType = application.loadClass(GuardConfig.class.getName());
            Class<?> guardType = application.loadClass(PermissionGuard.class.getName());
            Class<?> callerType = application.loadClass(Caller.class.getName());
            Class<?> requirementType = application.loadClass(Requirement.class.getName());
            Class<?> logicalType = application.loadClass(Logical.class.getName());
            Class<?> memoType = application.loadClass(RequestMemo.class.getName());
            Class<?> modeType = application.loadClass(GuardConfig.Mode.class.getName());
            Object config = configType
                    .getMethod("withServerUrl", URI.class)
                    .invoke(configType.getMethod("defaults").invoke(null), ringCentral.baseUri());
            Object guard = in(
                    application, () -> guardType.getMethod("create", configType).invoke(null, config));
            try {
                Object verdict = guardType
                        .getMethod(
                                "enforce", String.class, requirementType, callerType, String.class, memoType, modeType)
                        .invoke(
                                guard,
                                "GET /messages",
                                requirementType
                                        .getMethod("permissions", logicalType, String[].class)
                                        .invoke(null, enumValue(logicalType, "ALL"), new String[] {"ReadMessages"}),
                                callerType.getMethod("of", String.class).invoke(null, ALICE),
                                null,
                                memoType.getMethod("create").invoke(null),
                                enumValue(modeType, "ENFORCE"));
                assertThat(verdict.getClass().getMethod("proceeds").invoke(verdict))
                        .isEqualTo(true);
                Field telemetry = guardType.getDeclaredField("telemetry");
                telemetry.setAccessible(true);
                Class<?> none = application.loadClass(GuardTelemetry.class.getName());
                assertThat(telemetry.get(guard)).isSameAs(none.getField("NONE").get(null));
            } finally {
                guardType.getMethod("close").invoke(guard);
            }
        }
        assertThat(ringCentral.counters().total()).isEqualTo(1);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static Object enumValue(Class<?> type, String name) {
        return Enum.valueOf((Class) type, name);
    }
}
