package dev.rcguard.cdi;

import dev.rcguard.spi.RequestMemo;
import dev.rcguard.spi.Requirement;
import dev.rcguard.spi.Verdict;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;

/**
 * The check of one resource method, holding its requirement resolved at deployment. Registered per method by
 * {@link RingCentralGuardFeature}; the per-request memo lives in the request's properties, which servlet-based
 * runtimes keep as request attributes, shared with the interceptor and the servlet filter. A grant is recorded there
 * too, so the interceptor on the same resource method (same requirement, same target) does not check it again.
 */
final class GuardFilter implements ContainerRequestFilter {

    private final String endpoint;
    private final Requirement requirement;
    private final GuardRuntime runtime;
    private final JaxRsInventory inventory;

    GuardFilter(String endpoint, Requirement requirement, GuardRuntime runtime, JaxRsInventory inventory) {
        this.endpoint = endpoint;
        this.requirement = requirement;
        this.runtime = runtime;
        this.inventory = inventory;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!inventory.told()) { // the application's path is known now: its endpoints with their full paths, once
            inventory.firstRequest(request.getUriInfo().getBaseUri(), runtime.requestConfig());
        }
        String target = requirement.targetExtension() == null
                ? null
                : request.getUriInfo().getPathParameters().getFirst(requirement.targetExtension());
        Verdict verdict = runtime.enforce(
                endpoint,
                requirement,
                runtime.caller(request),
                target,
                RequestMemo.of(request::getProperty, request::setProperty));
        if (!verdict.proceeds()) {
            request.abortWith(Problems.response(verdict.decision()));
        }
    }
}
