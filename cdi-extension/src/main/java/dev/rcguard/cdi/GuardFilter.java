package dev.rcguard.cdi;

import dev.rcguard.Decision;
import dev.rcguard.RequestMemo;
import dev.rcguard.Requirement;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import java.lang.reflect.Method;

/**
 * The check of one resource method, holding its requirement resolved at deployment. Registered per method by
 * {@link RingCentralGuardFeature}; the per-request memo lives in the request's properties, which servlet-based
 * runtimes keep as request attributes, shared with the interceptor and the servlet filter.
 */
final class GuardFilter implements ContainerRequestFilter {

    /** The request property naming the resource method this filter let through, for {@link GuardInterceptor}. */
    static final String CHECKED_METHOD = GuardFilter.class.getName() + ".checkedMethod";

    private final Method method;
    private final String endpoint;
    private final Requirement requirement;
    private final GuardRuntime runtime;

    GuardFilter(Method method, String endpoint, Requirement requirement, GuardRuntime runtime) {
        this.method = method;
        this.endpoint = endpoint;
        this.requirement = requirement;
        this.runtime = runtime;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String target = requirement.targetExtension() == null
                ? null
                : request.getUriInfo().getPathParameters().getFirst(requirement.targetExtension());
        Decision decision = runtime.enforce(
                endpoint,
                requirement,
                runtime.caller(() -> request.getHeaderString(HttpHeaders.AUTHORIZATION)),
                target,
                RequestMemo.of(request::getProperty, request::setProperty));
        if (decision.isGranted()) {
            request.setProperty(CHECKED_METHOD, method); // the interceptor on this resource method need not ask again
        } else {
            request.abortWith(Problems.response(decision));
        }
    }
}
