package dev.rcguard.cdi;

import dev.rcguard.Caller;
import dev.rcguard.Decision;
import dev.rcguard.Reason;
import dev.rcguard.RequestMemo;
import dev.rcguard.Requirement;
import dev.rcguard.config.GuardConfig;
import dev.rcguard.engine.PermissionGuard;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Internal: what the interceptor and the JAX-RS filter share — the application's {@link PermissionGuard}, the token
 * source, the {@code rcguard.mode}, the audit event and the log of refusals. One bean per application.
 */
@ApplicationScoped
public class GuardRuntime {

    private static final System.Logger LOG = System.getLogger("dev.rcguard.cdi");

    /** A target extension that is neither digits nor {@code ~}: refused without asking RingCentral. */
    static final Reason INVALID_TARGET = new Reason("CMN-101", "Parameter [targetExtensionId] value is invalid.");

    @Inject
    GuardExtension extension;

    @Inject
    Event<PermissionCheckEvent> events;

    @Inject
    Instance<AccessTokenResolver> tokenResolvers;

    private PermissionGuard guard;
    private boolean enforcing;
    private AccessTokenResolver tokenResolver;

    /** The application's runtime, for JAX-RS providers that are not CDI beans. */
    static GuardRuntime current() {
        return CDI.current().select(GuardRuntime.class).get();
    }

    @PostConstruct
    void start() {
        GuardConfig config = extension.config();
        guard = PermissionGuard.shared(config);
        enforcing = config.mode() == GuardConfig.Mode.ENFORCE;
        tokenResolver = tokenResolvers.isResolvable() ? tokenResolvers.get() : null;
    }

    /** Per runtime class (the container's subclass of a bean): the protected methods of its bean class. */
    private final ClassValue<Map<Method, GuardedMethod>> methodsByRuntimeClass = new ClassValue<>() {
        @Override
        protected Map<Method, GuardedMethod> computeValue(Class<?> runtimeClass) {
            for (Class<?> type = runtimeClass; type != null; type = type.getSuperclass()) {
                Map<Method, GuardedMethod> methods = extension.methods(type);
                if (methods != null) {
                    return methods;
                }
            }
            return Map.of();
        }
    };

    /** The protected method {@code method} as invoked on {@code target}; fails closed when none was resolved. */
    GuardedMethod method(Object target, Method method) {
        GuardedMethod guarded = methodsByRuntimeClass.get(target.getClass()).get(method);
        if (guarded == null) {
            throw new IllegalStateException("No RingCentral requirement was resolved for " + method);
        }
        return guarded;
    }

    /**
     * The caller: from the application's {@link AccessTokenResolver} if it has one, else from the request's
     * {@code Authorization} header; {@code null} when there is no well-formed token.
     */
    Caller caller(Supplier<String> authorizationHeader) {
        if (tokenResolver == null) {
            return Caller.ofBearer(authorizationHeader.get());
        }
        String token = tokenResolver.accessToken();
        return token == null ? null : Caller.ofBearer("Bearer " + token);
    }

    /**
     * Checks, fires the {@link PermissionCheckEvent} and logs a refusal. Returns the decision to act on: a refusal in
     * enforce mode, else granted.
     *
     * @param target the raw target extension (a path parameter or argument), or {@code null}
     */
    Decision enforce(String endpoint, Requirement requirement, Caller caller, Object target, RequestMemo memo) {
        long start = System.nanoTime();
        Decision decision = check(requirement, caller, target, memo);
        Duration latency = Duration.ofNanos(System.nanoTime() - start);
        events.fire(new PermissionCheckEvent(endpoint, requirement, decision, latency, enforcing));
        if (decision.isGranted()) {
            return decision;
        }
        if (enforcing) {
            LOG.log(Level.DEBUG, "RingCentral guard refused {0}: {1}", endpoint, decision);
            return decision;
        }
        LOG.log(Level.WARNING, "RingCentral guard (report-only) would refuse {0}: {1}", endpoint, decision);
        return Decision.granted();
    }

    private Decision check(Requirement requirement, Caller caller, Object target, RequestMemo memo) {
        String targetId = null;
        if (caller != null && requirement.targetExtension() != null) {
            targetId = target == null ? null : target.toString();
            if (!Caller.isExtensionId(targetId)) {
                return Decision.denied(
                        Decision.Kind.PERMISSION,
                        requirement.permissions().ids().get(0),
                        INVALID_TARGET);
            }
        }
        return guard.check(caller, requirement, targetId, memo);
    }
}
