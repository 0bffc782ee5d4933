package dev.rcguard.cdi;

import dev.rcguard.InvalidRequirementException;
import dev.rcguard.spi.GuardConfig;
import dev.rcguard.spi.Requirement;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.System.Logger.Level;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Protects annotated JAX-RS resource methods, CDI beans or not: resolves each method's requirement once, when the
 * application deploys, and registers a {@link GuardFilter} for it at {@link Priorities#AUTHORIZATION}, so the check
 * runs before the resource method is invoked and before its request body is read. A refusal is answered with core's
 * problem+json (401 / 403 / 503).
 *
 * <p>Discovered as a {@code @Provider} (and listed in {@code META-INF/services/jakarta.ws.rs.ext.Providers} for
 * RESTEasy); an application that lists its classes explicitly adds this class and {@link PermissionDeniedMapper}.
 *
 * <pre>{@code
 * @GET
 * @Path("/users/{extensionId}/messages")
 * @RequiresRingCentralPermission(value = "ReadMessages", targetExtension = "{extensionId}")
 * public List<Message> messages(@PathParam("extensionId") String extensionId) { ... }
 * }</pre>
 */
@Provider
public class RingCentralGuardFeature implements DynamicFeature {

    /** Created by the JAX-RS runtime, which finds the provider by scanning or among the application's classes. */
    public RingCentralGuardFeature() {}

    private static final System.Logger LOG = System.getLogger("dev.rcguard.cdi");

    /** This application's protected endpoints, told with their full paths on its first protected request. */
    private final JaxRsInventory inventory = new JaxRsInventory();

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        Class<?> type = resource.getResourceClass();
        Method method = resource.getResourceMethod();
        Optional<Requirement> requirement = Requirement.resolve(type, method);
        if (requirement.isEmpty()) {
            return;
        }
        String path = path(type, method);
        String target = requirement.get().targetExtension();
        if (target != null
                && !Pattern.compile("\\{\\s*" + Pattern.quote(target) + "\\s*(:[^}]*)?}")
                        .matcher(path)
                        .find()) {
            throw new InvalidRequirementException(type.getName() + "#" + method.getName() + ": targetExtension '{"
                    + target + "}' names no path parameter of " + path);
        }
        String endpoint = httpMethod(method) + " " + path;
        GuardRuntime runtime = GuardRuntime.current();
        context.register(new GuardFilter(endpoint, requirement.get(), runtime, inventory), Priorities.AUTHORIZATION);
        inventory.add(httpMethod(method), path, requirement.get());
        GuardConfig config = startupConfig(runtime);
        LOG.log(
                Level.INFO,
                "RingCentral guard protects {0} <application path>{1} ({2}#{3}): {4}, checked against {5} in {6} mode;"
                        + " the application path is logged with its first request",
                httpMethod(method),
                path,
                type.getName(),
                method.getName(),
                requirement.get(),
                config.serverUrl(),
                config.setting(GuardConfig.MODE));
    }

    /** The configuration known now; the extension's when the application's bean cannot be reached yet. */
    private static GuardConfig startupConfig(GuardRuntime runtime) {
        try {
            return runtime.startupConfig();
        } catch (RuntimeException contextNotActive) {
            return CDI.current()
                    .getBeanManager()
                    .getExtension(GuardExtension.class)
                    .config();
        }
    }

    private static String path(Class<?> type, Method method) {
        Path typePath = type.getAnnotation(Path.class);
        Path methodPath = method.getAnnotation(Path.class);
        String joined =
                (typePath == null ? "" : "/" + typePath.value()) + (methodPath == null ? "" : "/" + methodPath.value());
        return joined.replaceAll("/{2,}", "/").replaceAll("(.)/$", "$1");
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return "*";
    }
}
