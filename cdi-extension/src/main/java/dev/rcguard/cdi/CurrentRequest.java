package dev.rcguard.cdi;

import dev.rcguard.spi.RequestMemo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Internal: the request an intercepted bean method runs in, seen from CDI. Inside an HTTP request the memo lives in
 * the servlet request's attributes, where the JAX-RS filter and the servlet filter keep it too; outside one (a timer,
 * a message) it lives in the active request context, and there is no {@code Authorization} header.
 */
@ApplicationScoped
public class CurrentRequest {

    @Inject
    Instance<HttpServletRequest> servletRequest;

    @Inject
    Instance<Memo> contextMemo;

    /** This request's memo; a fresh one when no request context is active at all. */
    RequestMemo memo() {
        HttpServletRequest http = http();
        if (http != null) {
            return RequestMemo.of(http::getAttribute, http::setAttribute);
        }
        try {
            return contextMemo.get().memo(); // a method: field reads would bypass the client proxy
        } catch (ContextNotActiveException noRequestContext) {
            return RequestMemo.create();
        }
    }

    /** The {@code Authorization} header of the current HTTP request, or {@code null}. */
    String authorization() {
        HttpServletRequest http = http();
        return http == null ? null : http.getHeader("Authorization");
    }

    private HttpServletRequest http() {
        if (!servletRequest.isResolvable()) {
            return null;
        }
        try {
            HttpServletRequest http = servletRequest.get();
            http.getMethod(); // the built-in bean fails here outside an HTTP request
            return http;
        } catch (RuntimeException outsideHttpRequest) {
            return null;
        }
    }

    /** The memo of a request context that is not an HTTP request. */
    @RequestScoped
    public static class Memo {
        private final RequestMemo memo = RequestMemo.create();

        RequestMemo memo() {
            return memo;
        }
    }
}
