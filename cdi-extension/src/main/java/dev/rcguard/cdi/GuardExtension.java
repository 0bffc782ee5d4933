package dev.rcguard.cdi;

import dev.rcguard.ConfigurationException;
import dev.rcguard.InvalidRequirementException;
import dev.rcguard.RequiresRingCentralFeature;
import dev.rcguard.RequiresRingCentralPermission;
import dev.rcguard.spi.GuardConfig;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.WithAnnotations;
import java.lang.System.Logger.Level;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The portable extension that makes {@code @RequiresRingCentralPermission} and {@code @RequiresRingCentralFeature}
 * work on CDI beans with nothing to configure. Registered through {@code META-INF/services}; it
 *
 * <ul>
 *   <li>adds the library's own beans and its interceptor ({@link GuardInterceptor}, enabled by its priority
 *       {@link GuardInterceptor#PRIORITY}): no {@code beans.xml} entry is needed;
 *   <li>resolves every annotated bean method's requirement once, and fails the deployment, naming class, method and
 *       problem, for a blank or malformed id, a {@code targetExtension} that names no parameter, or an annotation that
 *       can never take effect (a private, static or final method, a final class);
 *   <li>loads the {@code rcguard.*} configuration (an invalid value fails the deployment) and logs the inventory of
 *       protected methods at INFO, with a warning in {@code rcguard.mode=report-only}.
 * </ul>
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class Mailbox {
 *     @RequiresRingCentralPermission("ReadMessages")
 *     public List<Message> messages() { ... } // PermissionDeniedException unless RingCentral grants it
 * }
 * }</pre>
 */
public class GuardExtension implements Extension {

    /** Created by the CDI container, which finds the extension with {@link java.util.ServiceLoader}. */
    public GuardExtension() {}

    private static final System.Logger LOG = System.getLogger("dev.rcguard.cdi");

    private final Map<Class<?>, Map<Method, GuardedMethod>> methods = new ConcurrentHashMap<>();
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    private volatile GuardConfig config;

    void addLibraryBeans(@Observes BeforeBeanDiscovery event) {
        for (Class<?> type : List.of(GuardInterceptor.class, GuardRuntime.class, CurrentRequest.class)) {
            event.addAnnotatedType(type, GuardExtension.class.getName() + "." + type.getSimpleName());
        }
        event.addAnnotatedType(CurrentRequest.Memo.class, GuardExtension.class.getName() + ".Memo");
    }

    <T> void resolve(
            @Observes @WithAnnotations({RequiresRingCentralPermission.class, RequiresRingCentralFeature.class})
                    ProcessAnnotatedType<T> event) {
        Map<Method, GuardedMethod> found = RequirementScan.of(event.getAnnotatedType(), problems);
        if (found.isEmpty()) {
            return;
        }
        methods.put(event.getAnnotatedType().getJavaClass(), Map.copyOf(found));
        event.configureAnnotatedType()
                .filterMethods(method -> found.containsKey(method.getJavaMember()))
                .forEach(method -> method.add(Guarded.Literal.INSTANCE));
    }

    void failOnProblems(@Observes AfterBeanDiscovery event) {
        problems.forEach(problem -> event.addDefinitionError(new InvalidRequirementException(problem)));
        try {
            config = GuardConfig.load(name -> null);
        } catch (ConfigurationException e) {
            event.addDefinitionError(e);
        }
    }

    void report(@Observes AfterDeploymentValidation event) {
        Map<String, String> inventory = new TreeMap<>();
        methods.values()
                .forEach(byMethod -> byMethod.forEach((method, guarded) -> inventory.put(
                        guarded.endpoint() + params(method),
                        guarded.requirement().toString())));
        LOG.log(
                Level.INFO,
                "RingCentral guard protects {0} bean method(s) against {1} in {2} mode:{3}",
                inventory.size(),
                config.serverUrl(),
                config.setting(GuardConfig.MODE),
                inventory.entrySet().stream()
                        .map(e -> "\n  " + e.getKey() + " needs " + e.getValue())
                        .collect(Collectors.joining()));
        if (config.mode() == GuardConfig.Mode.REPORT_ONLY) {
            LOG.log(
                    Level.WARNING,
                    "RingCentral guard runs in report-only mode ({0}=report-only): refusals are logged and"
                            + " observed, but every request is let through",
                    GuardConfig.MODE);
        }
    }

    /** Per runtime class (the container's subclass of a bean): the protected methods of its bean class. */
    private final ClassValue<Map<Method, GuardedMethod>> methodsByRuntimeClass = new ClassValue<>() {
        @Override
        protected Map<Method, GuardedMethod> computeValue(Class<?> runtimeClass) {
            for (Class<?> type = runtimeClass; type != null; type = type.getSuperclass()) {
                Map<Method, GuardedMethod> found = methods.get(type);
                if (found != null) {
                    return found;
                }
            }
            return Map.of();
        }
    };

    /** The configuration read at deployment (without an application's {@code <context-param>}s). */
    GuardConfig config() {
        return config;
    }

    /** The protected {@code method} as invoked on an instance of {@code runtimeClass}; fails closed if none. */
    GuardedMethod method(Class<?> runtimeClass, Method method) {
        GuardedMethod guarded = methodsByRuntimeClass.get(runtimeClass).get(method);
        if (guarded == null) {
            throw new IllegalStateException("No RingCentral requirement was resolved for " + method);
        }
        return guarded;
    }

    private static String params(Method method) {
        return Arrays.stream(method.getParameterTypes())
                .map(Class::getSimpleName)
                .collect(Collectors.joining(", ", "(", ")"));
    }
}
