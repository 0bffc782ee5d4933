package dev.rcguard.cdi;

import dev.rcguard.InvalidRequirementException;
import dev.rcguard.RequiresRingCentralFeature;
import dev.rcguard.RequiresRingCentralPermission;
import dev.rcguard.spi.Requirement;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.AnnotatedParameter;
import jakarta.enterprise.inject.spi.AnnotatedType;
import jakarta.ws.rs.PathParam;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves, once at deployment, the {@link Requirement} of every protected method of one bean type, and reports each
 * use of the annotations that can never take effect.
 */
final class RequirementScan {

    static final String NEVER_INTERCEPTED =
            "is %s, so it can never be intercepted: the RingCentral requirement would not be enforced";
    static final String NO_TARGET_PARAMETER = "targetExtension '{%s}' names no parameter of the method"
            + " (expected @PathParam(\"%1$s\") or a parameter named %1$s)";

    private RequirementScan() {}

    /**
     * The protected methods of {@code type}, by method; each problem found is added to {@code problems} as
     * {@code "Class#method: problem"}.
     */
    static Map<Method, GuardedMethod> of(AnnotatedType<?> type, List<String> problems) {
        Map<Method, GuardedMethod> found = new HashMap<>();
        Class<?> javaClass = type.getJavaClass();
        if (javaClass.isInterface() || Modifier.isAbstract(javaClass.getModifiers())) {
            return found; // not a bean itself; its concrete subclasses are scanned with what they inherit
        }
        boolean classLevel = type.isAnnotationPresent(RequiresRingCentralPermission.class)
                || type.isAnnotationPresent(RequiresRingCentralFeature.class);
        if (classLevel && Modifier.isFinal(javaClass.getModifiers())) {
            problems.add(javaClass.getName() + " " + NEVER_INTERCEPTED.formatted("a final class"));
            return found;
        }
        for (AnnotatedMethod<?> method : type.getMethods()) {
            Method javaMethod = method.getJavaMember();
            boolean own = method.isAnnotationPresent(RequiresRingCentralPermission.class)
                    || method.isAnnotationPresent(RequiresRingCentralFeature.class);
            if (!(own || classLevel && isBusinessMethod(javaMethod))) {
                continue;
            }
            String name = javaClass.getName() + "#" + javaMethod.getName();
            String unreachable = unreachable(javaMethod);
            if (unreachable != null) {
                problems.add(name + ": " + NEVER_INTERCEPTED.formatted(unreachable));
                continue;
            }
            try {
                Requirement requirement = Requirement.resolve(name, method::getAnnotation, type::getAnnotation)
                        .orElseThrow();
                int target = targetArgument(method, requirement.targetExtension());
                if (target == -2) {
                    problems.add(name + ": " + NO_TARGET_PARAMETER.formatted(requirement.targetExtension()));
                } else {
                    found.put(javaMethod, new GuardedMethod(name, requirement, target));
                }
            } catch (InvalidRequirementException e) {
                problems.add(e.getMessage());
            }
        }
        return found;
    }

    /** What a class-level annotation covers: the methods a client can call through the bean. */
    private static boolean isBusinessMethod(Method method) {
        int modifiers = method.getModifiers();
        return method.getDeclaringClass() != Object.class
                && !method.isSynthetic()
                && !Modifier.isPrivate(modifiers)
                && !Modifier.isStatic(modifiers);
    }

    private static String unreachable(Method method) {
        int modifiers = method.getModifiers();
        if (Modifier.isPrivate(modifiers)) {
            return "private";
        }
        if (Modifier.isStatic(modifiers)) {
            return "static";
        }
        return Modifier.isFinal(modifiers) ? "final" : null;
    }

    /** The index of the argument named {@code name}, -1 when there is no target, -2 when no argument matches. */
    private static int targetArgument(AnnotatedMethod<?> method, String name) {
        if (name == null) {
            return -1;
        }
        for (AnnotatedParameter<?> parameter : method.getParameters()) {
            PathParam pathParam = parameter.getAnnotation(PathParam.class);
            boolean named = pathParam != null
                    ? pathParam.value().equals(name)
                    : parameter.getJavaParameter().isNamePresent()
                            && parameter.getJavaParameter().getName().equals(name);
            if (named) {
                return parameter.getPosition();
            }
        }
        return -2;
    }
}
