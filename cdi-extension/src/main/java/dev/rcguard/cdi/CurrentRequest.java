package dev.rcguard.cdi;

import dev.rcguard.TokenSource;
import dev.rcguard.spi.RequestMemo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.container.ContainerRequestContext;

/**
 * Internal: the request an intercepted bean method runs in, seen from CDI. Inside an HTTP request the memo lives in
 * the servlet request's attributes, where the JAX-RS filter and the servlet filter keep it too; outside one (a timer,
 * a message) it lives in the active request context, and the token source sees no header, attribute or session.
 */
@ApplicationScoped
public class CurrentRequest {

    /** Created by the CDI container; the extension adds this bean to every application. */
    public CurrentRequest() {}

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

    /** What the application's token source may read of the current request: nothing outside an HTTP request. */
    TokenSource.Request tokenRequest() {
        HttpServletRequest http = http();
        if (http == null) {
            return TokenSource.Request.of(name -> null, name -> null, name -> null);
        }
        return TokenSource.Request.of(
                http::getHeader,
                http::getAttribute,
                name -> sessionAttribute(http, name),
                (name, value) -> setSessionAttribute(http, name, value));
    }

    /**
     * The JAX-RS request's headers and properties, with the session of the HTTP request it is, if any: looked up only
     * when the token source asks for the session (the header source, the default, never does).
     */
    TokenSource.Request tokenRequest(ContainerRequestContext request) {
        return TokenSource.Request.of(
                request::getHeaderString,
                request::getProperty,
                name -> {
                    HttpServletRequest http = http();
                    return http == null ? null : sessionAttribute(http, name);
                },
                (name, value) -> setSessionAttribute(http(), name, value));
    }

    /** The {@code ServletContext} of the current HTTP request (the container's own), or {@code null} outside one. */
    ServletContext servletContext() {
        HttpServletRequest http = http();
        return http == null ? null : http.getServletContext();
    }

    private static Object sessionAttribute(HttpServletRequest http, String name) {
        HttpSession session = http.getSession(false);
        return session == null ? null : session.getAttribute(name);
    }

    /** Replaces a session attribute (a refreshed token); the session was there, since the token came from it. */
    private static void setSessionAttribute(HttpServletRequest http, String name, Object value) {
        HttpSession session = http == null ? null : http.getSession(false);
        if (session == null) {
            throw new IllegalStateException("the request has no session to keep the refreshed token in");
        }
        session.setAttribute(name, value);
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

        /** Created by the CDI container, once per request context. */
        public Memo() {}

        RequestMemo memo() {
            return memo;
        }
    }
}
