package dev.rcguard.servlet;

import static dev.rcguard.servlet.RingCentralPermissionFilter.FEATURES;
import static dev.rcguard.servlet.RingCentralPermissionFilter.LOGICAL;
import static dev.rcguard.servlet.RingCentralPermissionFilter.METHODS;
import static dev.rcguard.servlet.RingCentralPermissionFilter.PERMISSIONS;
import static dev.rcguard.servlet.RingCentralPermissionFilter.TARGET_EXTENSION_PARAM;

import dev.rcguard.InvalidRequirementException;
import dev.rcguard.Logical;
import dev.rcguard.spi.GuardConfig;
import dev.rcguard.spi.Requirement;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One filter declaration's rule, parsed and validated once from its init-params: what it requires, for which HTTP
 * methods, and where the target extension comes from.
 *
 * <pre>{@code
 * FilterRule rule = FilterRule.parse(config::getInitParameter, Collections.list(config.getInitParameterNames()));
 * }</pre>
 *
 * @param requirement what a request must be granted
 * @param methods the HTTP methods the rule applies to; empty for all
 * @param target where the target extension of the permission checks comes from, or {@code null} for the caller's own
 */
record FilterRule(Requirement requirement, Set<String> methods, TargetExtension target) {

    private static final Pattern METHOD = Pattern.compile("[A-Z]{1,32}");
    private static final Set<String> KNOWN = Set.of(
            PERMISSIONS,
            FEATURES,
            LOGICAL,
            METHODS,
            TARGET_EXTENSION_PARAM,
            GuardConfig.SERVER_URL,
            GuardConfig.CONNECT_TIMEOUT_MS,
            GuardConfig.READ_TIMEOUT_MS,
            GuardConfig.MODE,
            GuardConfig.COALESCE_IN_FLIGHT,
            GuardConfig.MAX_CONCURRENT_CALLS);

    FilterRule {
        methods = Set.copyOf(methods);
    }

    /**
     * Parses the init-params.
     *
     * @param params reads one init-param, {@code null} when unset
     * @param names every init-param name given
     * @throws InvalidRequirementException naming the init-param at fault
     */
    static FilterRule parse(Function<String, String> params, List<String> names) {
        for (String name : names) {
            if (!KNOWN.contains(name)) {
                throw invalid(name, "unknown init-param; known are " + new TreeSet<>(KNOWN));
            }
        }
        Logical logical = logical(params.apply(LOGICAL));
        Requirement.Rule permissions = rule(PERMISSIONS, params.apply(PERMISSIONS), logical);
        Requirement.Rule features = rule(FEATURES, params.apply(FEATURES), logical);
        if (permissions == null && features == null) {
            throw invalid(PERMISSIONS, "'" + PERMISSIONS + "' or '" + FEATURES + "' must name at least one id");
        }
        TargetExtension target = target(params.apply(TARGET_EXTENSION_PARAM), permissions);
        Requirement requirement = new Requirement(permissions, features, target == null ? null : target.toString());
        return new FilterRule(requirement, methods(params.apply(METHODS)), target);
    }

    /** Whether requests with this HTTP method are checked. */
    boolean appliesTo(String method) {
        return methods.isEmpty() || methods.contains(method);
    }

    private static Logical logical(String value) {
        if (value == null) {
            return Logical.ALL;
        }
        try {
            return Logical.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid(LOGICAL, "must be ALL or ANY, was '" + value + "'");
        }
    }

    private static Requirement.Rule rule(String param, String value, Logical logical) {
        if (value == null) {
            return null;
        }
        try {
            return new Requirement.Rule(split(value), logical);
        } catch (InvalidRequirementException e) {
            throw invalid(param, e.getMessage());
        }
    }

    private static TargetExtension target(String value, Requirement.Rule permissions) {
        if (value == null) {
            return null;
        }
        if (permissions == null) {
            throw invalid(TARGET_EXTENSION_PARAM, "needs 'permissions': features have no target extension");
        }
        try {
            return TargetExtension.parse(value);
        } catch (InvalidRequirementException e) {
            throw invalid(TARGET_EXTENSION_PARAM, e.getMessage());
        }
    }

    /** The listed methods; GET brings HEAD along, since a servlet answers HEAD with its GET code. */
    private static Set<String> methods(String value) {
        if (value == null) {
            return Set.of();
        }
        Set<String> methods = new LinkedHashSet<>();
        for (String method : split(value)) {
            String upper = method.toUpperCase(Locale.ROOT);
            if (!METHOD.matcher(upper).matches()) {
                throw invalid(METHODS, "'" + method + "' is not an HTTP method name");
            }
            methods.add(upper);
        }
        if (methods.isEmpty()) {
            throw invalid(METHODS, "must list at least one HTTP method (leave it out for all)");
        }
        if (methods.contains("GET")) {
            methods.add("HEAD");
        }
        return methods;
    }

    private static List<String> split(String value) {
        return Arrays.stream(value.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static InvalidRequirementException invalid(String param, String problem) {
        return new InvalidRequirementException("init-param '" + param + "': " + problem);
    }
}
