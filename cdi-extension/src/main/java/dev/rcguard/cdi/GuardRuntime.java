package dev.rcguard.cdi;

import dev.rcguard.TokenSource;
import dev.rcguard.internal.token.TokenSources;
import dev.rcguard.spi.ApplicationGuard;
import dev.rcguard.spi.Caller;
import dev.rcguard.spi.GuardConfig;
import dev.rcguard.spi.RequestMemo;
import dev.rcguard.spi.Requirement;
import dev.rcguard.spi.Verdict;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.lang.reflect.Method;

/**
 * Internal: what the interceptor and the JAX-RS filter share — a lease on the application's one guard (shared with the
 * servlet filter through the {@code ServletContext}, returned when the application stops) and the token source. One bean per application, started with the application.
 */
@ApplicationScoped
public class GuardRuntime {

    /** Created by the CDI container; the extension adds this bean to every application. */
    public GuardRuntime() {}

    @Inject
    GuardExtension extension;

    @Inject
    CurrentRequest currentRequest;

    private volatile ApplicationGuard.Lease lease;

    /** The application's runtime, for JAX-RS providers that are not CDI beans. */
    static GuardRuntime current() {
        return CDI.current().select(GuardRuntime.class).get();
    }

    /**
     * Takes the application's guard when the application starts, if the event carries the {@code ServletContext}
     * (where the servlet filter finds the same guard). Weld in WildFly carries its own {@code ContextEvent} instead:
     * then the guard is taken with the first HTTP request, from that request's {@code ServletContext}, and start-up
     * checks the token source the configuration it can read names, so that a wrong one fails the deployment.
     */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object application) {
        if (application instanceof ServletContext context) {
            lease(context);
        } else {
            TokenSources.of(
                    GuardConfig.load(name -> null).tokenSource(),
                    Thread.currentThread().getContextClassLoader(),
                    null);
        }
    }

    @PreDestroy
    void stop() {
        if (lease != null) {
            lease.close();
        }
    }

    /** The application's guard: the one in the current HTTP request's {@code ServletContext}, if it is one. */
    private ApplicationGuard.Lease lease() {
        ApplicationGuard.Lease current = lease;
        return current != null ? current : lease(currentRequest.servletContext());
    }

    /**
     * The application's guard, in {@code context}'s attributes; without one (CDI SE, a batch job, a timer before any
     * request) this bean is the application.
     */
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

    /**
     * The configuration as far as it is known at start-up: the application's guard's if it was taken already, else what
     * the extension read (MicroProfile Config, system properties, environment), for start-up lines.
     */
    GuardConfig startupConfig() {
        ApplicationGuard.Lease current = lease;
        return current != null ? current.config() : extension.config();
    }

    /** The application's guard's configuration, inside an HTTP request. */
    GuardConfig requestConfig() {
        return lease().config();
    }

    /** The protected method {@code method} as invoked on {@code target}; fails closed when none was resolved. */
    GuardedMethod method(Object target, Method method) {
        return extension.method(target.getClass(), method);
    }

    /** The caller of {@code request}, from the application's token source; {@code null} without a usable token. */
    Caller caller(TokenSource.Request request) {
        return lease().guard().caller(request);
    }

    /** The caller of a JAX-RS request: its headers and properties, and its HTTP session if it has one. */
    Caller caller(ContainerRequestContext request) {
        return caller(currentRequest.tokenRequest(request));
    }

    /**
     * Enforces {@code requirement}; the guard reports the check to the application's listeners and, through
     * {@link CdiEvents}, as a CDI event.
     *
     * @param target the raw target extension (a path parameter or argument), or {@code null}
     * @return whether the protected code may run, and the decision
     */
    Verdict enforce(String endpoint, Requirement requirement, Caller caller, Object target, RequestMemo memo) {
        ApplicationGuard.Lease lease = lease();
        return lease.guard()
                .enforce(
                        endpoint,
                        requirement,
                        caller,
                        target == null ? null : target.toString(),
                        memo,
                        lease.config().mode());
    }
}
