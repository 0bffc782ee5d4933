package dev.rcguard.cdi;

import dev.rcguard.Decision;
import dev.rcguard.spi.ApplicationGuard;
import dev.rcguard.spi.Caller;
import dev.rcguard.spi.GuardConfig;
import dev.rcguard.spi.RequestMemo;
import dev.rcguard.spi.Requirement;
import dev.rcguard.spi.Verdict;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import java.lang.reflect.Method;
import java.util.function.Supplier;

/**
 * Internal: what the interceptor and the JAX-RS filter share — a lease on the application's one guard (shared with the
 * servlet filter through the {@code ServletContext}, returned when the application stops), the token source, the
 * audit event. One bean per application, started with the application.
 */
@ApplicationScoped
public class GuardRuntime {

    @Inject
    Event<PermissionCheckEvent> events;

    @Inject
    Instance<AccessTokenResolver> tokenResolvers;

    @Inject
    Instance<ServletContext> servletContext;

    @Inject
    GuardExtension extension;

    private ApplicationGuard.Lease lease;
    private AccessTokenResolver tokenResolver;

    /** The application's runtime, for JAX-RS providers that are not CDI beans. */
    static GuardRuntime current() {
        return CDI.current().select(GuardRuntime.class).get();
    }

    /** Starts with the application, so that a bad configuration or platform shows at once. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object application) {
        lease.guard(); // the observer is only here to create the bean eagerly
    }

    @PostConstruct
    void start() {
        ServletContext context = servletContext();
        lease = context == null
                ? ApplicationGuard.acquire(ApplicationGuard.Attributes.inMemory(), name -> null, name -> null)
                : ApplicationGuard.acquire(
                        ApplicationGuard.Attributes.of(
                                context::getAttribute, context::setAttribute, context::removeAttribute),
                        context::getInitParameter,
                        name -> null);
        tokenResolver = tokenResolvers.isResolvable() ? tokenResolvers.get() : null;
    }

    @PreDestroy
    void stop() {
        lease.close();
    }

    /** The protected method {@code method} as invoked on {@code target}; fails closed when none was resolved. */
    GuardedMethod method(Object target, Method method) {
        return extension.method(target.getClass(), method);
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
     * Enforces {@code requirement} and fires the {@link PermissionCheckEvent} for what was checked.
     *
     * @param target the raw target extension (a path parameter or argument), or {@code null}
     * @return whether the protected code may run, and the decision
     */
    Verdict enforce(String endpoint, Requirement requirement, Caller caller, Object target, RequestMemo memo) {
        Verdict verdict = lease.guard()
                .enforce(
                        endpoint,
                        requirement,
                        caller,
                        target == null ? null : target.toString(),
                        memo,
                        lease.config().mode());
        if (!verdict.alreadyGranted()) {
            Decision decision = verdict.decision();
            events.fire(
                    new PermissionCheckEvent(endpoint, requirement, decision, verdict.latency(), verdict.enforced()));
        }
        return verdict;
    }

    /** This application's mode. */
    GuardConfig.Mode mode() {
        return lease.config().mode();
    }

    private ServletContext servletContext() {
        if (!servletContext.isResolvable()) {
            return null;
        }
        try {
            ServletContext context = servletContext.get();
            context.getContextPath(); // a proxy fails here outside a web application
            return context;
        } catch (RuntimeException outsideWebApplication) {
            return null;
        }
    }
}
