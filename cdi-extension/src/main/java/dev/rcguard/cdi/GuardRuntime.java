package dev.rcguard.cdi;

import dev.rcguard.Decision;
import dev.rcguard.spi.ApplicationGuard;
import dev.rcguard.spi.Caller;
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
    GuardExtension extension;

    private volatile ApplicationGuard.Lease lease;
    private AccessTokenResolver tokenResolver;

    /** The application's runtime, for JAX-RS providers that are not CDI beans. */
    static GuardRuntime current() {
        return CDI.current().select(GuardRuntime.class).get();
    }

    /**
     * Takes the application's guard when the application starts: in a web application the event carries the
     * {@code ServletContext}, where the servlet filter finds the same guard.
     */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object application) {
        lease(application instanceof ServletContext context ? context : null);
    }

    @PostConstruct
    void start() {
        tokenResolver = tokenResolvers.isResolvable() ? tokenResolvers.get() : null;
    }

    @PreDestroy
    void stop() {
        if (lease != null) {
            lease.close();
        }
    }

    private ApplicationGuard.Lease lease() {
        ApplicationGuard.Lease current = lease;
        return current != null ? current : lease(null);
    }

    /** The application's guard; outside a web application (CDI SE, a batch job) this bean is the application. */
    private synchronized ApplicationGuard.Lease lease(ServletContext context) {
        if (lease == null) {
            lease = context == null
                    ? ApplicationGuard.acquire(ApplicationGuard.Attributes.inMemory(), name -> null, name -> null)
                    : ApplicationGuard.acquire(
                            ApplicationGuard.Attributes.of(
                                    context::getAttribute, context::setAttribute, context::removeAttribute),
                            context::getInitParameter,
                            name -> null);
        }
        return lease;
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
        ApplicationGuard.Lease lease = lease();
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
}
