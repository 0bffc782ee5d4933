package dev.rcguard.testkit;

import dev.rcguard.simulator.RateLimits;
import dev.rcguard.simulator.RingCentralSimulator;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * The JUnit 5 extension behind {@link WithRingCentralSimulator}, also usable on its own with {@code @RegisterExtension}
 * when a test needs rate limits of its own numbers, or the simulator's builder (a clock, OAuth client, latency):
 *
 * <pre>{@code
 * @RegisterExtension
 * static final RingCentralSimulatorExtension RING_CENTRAL = RingCentralSimulatorExtension.create()
 *         .withRateLimits(RateLimits.of(5, 5, Duration.ofSeconds(60), Duration.ofSeconds(60)));
 *
 * @Test
 * void test() {
 *     RING_CENTRAL.ringCentral().addUser("alice-token").grant("ReadMessages");
 * }
 * }</pre>
 *
 * <p>Registered in a {@code static} field (or by the annotation) the simulator lives for the class and is reset before
 * each test; in an instance field it lives for one test. Either way the lifecycle is {@link WithRingCentralSimulator}'s,
 * and a {@link SimulatedRingCentral} is injected into parameters and fields of that type. {@code @Nested} classes share
 * their outer class's simulator.
 */
public final class RingCentralSimulatorExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

    /** The limit per group and minute the simulator announces when rate limits are off. */
    public static final int UNLIMITED = 100_000;

    /** The system property the guard reads its RingCentral URL from. */
    static final String SERVER_URL = "rcguard.server-url";

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(RingCentralSimulatorExtension.class);
    private static final String RUNNING = "running";

    private final RateLimits rateLimits;
    private final Consumer<RingCentralSimulator.Builder> builder;
    private volatile SimulatedRingCentral registered;

    /** As {@link WithRingCentralSimulator} makes it: rate limits as its {@code rateLimits} attribute says. */
    public RingCentralSimulatorExtension() {
        this(null, b -> {});
    }

    private RingCentralSimulatorExtension(RateLimits rateLimits, Consumer<RingCentralSimulator.Builder> builder) {
        this.rateLimits = rateLimits;
        this.builder = builder;
    }

    /**
     * An extension for {@code @RegisterExtension}: rate limits off, the simulator's defaults otherwise.
     *
     * @return the extension
     */
    public static RingCentralSimulatorExtension create() {
        return new RingCentralSimulatorExtension(off(), b -> {});
    }

    /** {@return ringCentral's real rate limits: Light 50, Medium 40, Auth 5 per 60 s, a 60 s penalty} */
    public static RateLimits ringCentralRateLimits() {
        return RateLimits.ringCentralDefaults();
    }

    /**
     * This extension with the simulator enforcing {@code limits} (restored before each test).
     *
     * @param limits the limits to enforce
     * @return this extension
     */
    public RingCentralSimulatorExtension withRateLimits(RateLimits limits) {
        return new RingCentralSimulatorExtension(Objects.requireNonNull(limits, "limits"), builder);
    }

    /**
     * This extension with more settings of the simulator's builder, applied after the test kit's own (a free port on
     * 127.0.0.1, 16 threads, the rate limits): a clock, an OAuth client, token lifetimes, a latency. Users added here
     * are forgotten before the first test, like every user.
     *
     * @param settings sets more of the simulator's builder
     * @return this extension
     */
    public RingCentralSimulatorExtension withSimulator(Consumer<RingCentralSimulator.Builder> settings) {
        Objects.requireNonNull(settings, "settings");
        return new RingCentralSimulatorExtension(rateLimits, builder.andThen(settings));
    }

    /**
     * The running simulator of the test that runs now, for a test that holds this extension in a field.
     *
     * @return the simulator of the running test
     * @throws IllegalStateException outside a test class this extension is registered for
     */
    public SimulatedRingCentral ringCentral() {
        SimulatedRingCentral current = registered;
        if (current == null) {
            throw new IllegalStateException(
                    "The RingCentral simulator runs only while the test class that registers" + " this extension runs");
        }
        return current;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (find(context).isEmpty()) { // a @Nested class keeps its outer class's simulator
            context.getStore(NAMESPACE).put(RUNNING, start(context));
        }
        find(context).ifPresent(running -> inject(running, context, null));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        SimulatedRingCentral running = find(context).orElse(null);
        if (running == null) { // registered in an instance field: a simulator for this test only
            running = start(context);
            context.getStore(NAMESPACE).put(RUNNING, running);
        }
        running.startTest();
        for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
            inject(running, context, instance);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        stopStartedIn(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stopStartedIn(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == SimulatedRingCentral.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return find(context)
                .orElseThrow(() -> new ParameterResolutionException("No RingCentral simulator runs yet for "
                        + parameter.getDeclaringExecutable()
                        + ": register RingCentralSimulatorExtension in a static field, or use @WithRingCentralSimulator,"
                        + " to have one before the test instance is made"));
    }

    private SimulatedRingCentral start(ExtensionContext context) {
        RingCentralSimulator.Builder settings = RingCentralSimulator.builder()
                .port(0)
                .threads(16)
                .rateLimits(rateLimits != null ? rateLimits : annotated(context));
        builder.accept(settings);
        SimulatedRingCentral running = new SimulatedRingCentral(settings.start(), System.getProperty(SERVER_URL));
        System.setProperty(SERVER_URL, running.baseUri().toString());
        registered = running;
        return running;
    }

    /** Stops the simulator if {@code context} (not an enclosing one) started it. */
    private void stopStartedIn(ExtensionContext context) {
        SimulatedRingCentral running = context.getStore(NAMESPACE).remove(RUNNING, SimulatedRingCentral.class);
        if (running == null) {
            return;
        }
        try {
            running.stop();
        } finally {
            if (running.serverUrlBefore() == null) {
                System.clearProperty(SERVER_URL);
            } else {
                System.setProperty(SERVER_URL, running.serverUrlBefore());
            }
            registered = context.getParent()
                    .flatMap(RingCentralSimulatorExtension::find)
                    .orElse(null);
        }
    }

    private static Optional<SimulatedRingCentral> find(ExtensionContext context) {
        return Optional.ofNullable(context.getStore(NAMESPACE).get(RUNNING, SimulatedRingCentral.class));
    }

    private static RateLimits annotated(ExtensionContext context) {
        boolean on = context.getTestClass()
                .flatMap(type -> AnnotationSupport.findAnnotation(type, WithRingCentralSimulator.class))
                .map(WithRingCentralSimulator::rateLimits)
                .orElse(false);
        return on ? ringCentralRateLimits() : off();
    }

    /** Nothing refused, and a limit so high that the guard's share of it never holds a check back. */
    static RateLimits off() {
        return new RateLimits(false, UNLIMITED, UNLIMITED, UNLIMITED, Duration.ofSeconds(60), Duration.ofSeconds(60));
    }

    /** Sets the fields of type {@link SimulatedRingCentral}: static ones when {@code instance} is null. */
    private static void inject(SimulatedRingCentral running, ExtensionContext context, Object instance) {
        Class<?> type = instance != null ? instance.getClass() : context.getRequiredTestClass();
        for (Field field : ReflectionSupport.findFields(
                type,
                f -> f.getType() == SimulatedRingCentral.class
                        && Modifier.isStatic(f.getModifiers()) == (instance == null),
                HierarchyTraversalMode.TOP_DOWN)) {
            if (Modifier.isFinal(field.getModifiers())) {
                throw new ExtensionConfigurationException(
                        "The test kit cannot set the final field " + field + ": remove final");
            }
            try {
                field.setAccessible(true);
                field.set(instance, running);
            } catch (IllegalAccessException e) {
                throw new ExtensionConfigurationException("The test kit cannot set " + field, e);
            }
        }
    }
}
