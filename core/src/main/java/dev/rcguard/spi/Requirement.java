package dev.rcguard.spi;

import dev.rcguard.InvalidRequirementException;
import dev.rcguard.Logical;
import dev.rcguard.RequiresRingCentralFeature;
import dev.rcguard.RequiresRingCentralPermission;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What one endpoint needs, resolved once at start-up from its annotations: permissions, features, or both (both
 * must then hold).
 *
 * <pre>{@code
 * Requirement r = Requirement.resolve(MessagesResource.class, method).orElseThrow();
 * Requirement sms = Requirement.features(Logical.ALL, "SMSSending");
 * }</pre>
 *
 * @param permissions the permission rule, or {@code null}
 * @param features the feature rule, or {@code null}
 * @param targetExtension the name of the request parameter that names the target extension of the permission
 *     checks, or {@code null} for the caller's own
 */
public record Requirement(Rule permissions, Rule features, String targetExtension) {

    private static final Pattern ID = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,127}");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_.\\-]*)}");

    /**
     * Ids combined by {@link Logical}.
     *
     * @param ids the permission or feature ids: distinct, each letters, digits and {@code _}, starting with a letter
     * @param logical how they combine
     */
    public record Rule(List<String> ids, Logical logical) {
        /**
         * A validated rule; the ids are copied.
         *
         * @param ids at least one id
         * @param logical ALL or ANY
         * @throws InvalidRequirementException naming the problem
         */
        public Rule {
            ids = List.copyOf(ids);
            if (ids.isEmpty()) {
                throw new InvalidRequirementException("no id given");
            }
            for (String id : ids) {
                if (id == null || !ID.matcher(id).matches()) {
                    throw new InvalidRequirementException("malformed id '" + id + "' (expected letters, digits, _)");
                }
            }
            if (ids.stream().distinct().count() != ids.size()) {
                throw new InvalidRequirementException("an id is listed twice in " + ids);
            }
            if (logical == null) {
                throw new InvalidRequirementException("no logical given");
            }
        }
    }

    /**
     * A validated requirement: permissions, features or both; a target extension only with permissions.
     *
     * @param permissions the permission rule, or {@code null}
     * @param features the feature rule, or {@code null}
     * @param targetExtension the name of the request parameter naming the target extension, or {@code null}
     * @throws InvalidRequirementException naming the problem
     */
    public Requirement {
        if (permissions == null && features == null) {
            throw new InvalidRequirementException("neither permissions nor features given");
        }
        if (targetExtension != null && permissions == null) {
            throw new InvalidRequirementException("a target extension needs permissions");
        }
    }

    /**
     * A requirement of permissions only, for the caller's own extension.
     *
     * @param logical how the ids combine
     * @param ids the permission ids
     * @return the requirement
     */
    public static Requirement permissions(Logical logical, String... ids) {
        return new Requirement(new Rule(List.of(ids), logical), null, null);
    }

    /**
     * A requirement of features only.
     *
     * @param logical how the ids combine
     * @param ids the feature ids
     * @return the requirement
     */
    public static Requirement features(Logical logical, String... ids) {
        return new Requirement(null, new Rule(List.of(ids), logical), null);
    }

    /**
     * The requirement the annotations express, or empty when both are {@code null}.
     *
     * @param permission the permission annotation, or {@code null}
     * @param feature the feature annotation, or {@code null}
     * @return the requirement, or empty
     * @throws InvalidRequirementException naming the problem, if an annotation is invalid
     */
    public static Optional<Requirement> of(
            RequiresRingCentralPermission permission, RequiresRingCentralFeature feature) {
        if (permission == null && feature == null) {
            return Optional.empty();
        }
        Rule permissions = permission == null ? null : new Rule(List.of(permission.value()), permission.logical());
        Rule features = feature == null ? null : new Rule(List.of(feature.value()), feature.logical());
        String target = permission == null ? null : placeholderName(permission.targetExtension());
        return Optional.of(new Requirement(permissions, features, target));
    }

    /** Reads one annotation of a method or a type: reflection's, or CDI's annotated types'. */
    @FunctionalInterface
    public interface Annotations {
        /**
         * Reads one annotation.
         *
         * @param <A> the annotation's type
         * @param annotationType the annotation's class
         * @return the annotation, or {@code null} when it is absent
         */
        <A extends Annotation> A get(Class<A> annotationType);
    }

    /**
     * The requirement of {@code method} as invoked on {@code type}, by reflection.
     *
     * @param type the class the method is invoked on
     * @param method the method
     * @return the requirement, or empty when neither carries an annotation
     * @throws InvalidRequirementException with a message naming the class, the method and the problem
     * @see #resolve(String, Annotations, Annotations)
     */
    public static Optional<Requirement> resolve(Class<?> type, Method method) {
        return resolve(type.getName() + "#" + method.getName(), method::getAnnotation, type::getAnnotation);
    }

    /**
     * The one resolution rule, for every adapter: a method-level annotation replaces a class-level one of the same
     * kind; class-level ones are inherited ({@code @Inherited}); a permission and a feature requirement must both hold.
     *
     * @param where the class and method, for messages ({@code com.example.Mailbox#messages})
     * @param method the method's annotations
     * @param type the annotations of the class the method is invoked on
     * @return the requirement, or empty when neither carries an annotation
     * @throws InvalidRequirementException with a message naming {@code where} and the problem
     */
    public static Optional<Requirement> resolve(String where, Annotations method, Annotations type) {
        RequiresRingCentralPermission permission = method.get(RequiresRingCentralPermission.class);
        if (permission == null) {
            permission = type.get(RequiresRingCentralPermission.class);
        }
        RequiresRingCentralFeature feature = method.get(RequiresRingCentralFeature.class);
        if (feature == null) {
            feature = type.get(RequiresRingCentralFeature.class);
        }
        try {
            return of(permission, feature);
        } catch (InvalidRequirementException e) {
            throw new InvalidRequirementException(where + ": invalid RingCentral requirement: " + e.getMessage());
        }
    }

    /** {@code "{extensionId}"} → {@code "extensionId"}; {@code ""} → {@code null}. */
    private static String placeholderName(String targetExtension) {
        if (targetExtension.isEmpty()) {
            return null;
        }
        var matcher = PLACEHOLDER.matcher(targetExtension);
        if (!matcher.matches()) {
            throw new InvalidRequirementException("targetExtension '" + targetExtension
                    + "' must be a path parameter placeholder such as {extensionId}");
        }
        return matcher.group(1);
    }

    /** All ids this requirement asks about, for logs and inventories. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        if (permissions != null) {
            s.append("permissions ").append(permissions.logical()).append(permissions.ids());
            if (targetExtension != null) {
                s.append(" on {").append(targetExtension).append('}');
            }
        }
        if (features != null) {
            s.append(s.length() == 0 ? "" : " and ")
                    .append("features ")
                    .append(features.logical())
                    .append(features.ids());
        }
        return s.toString();
    }
}
