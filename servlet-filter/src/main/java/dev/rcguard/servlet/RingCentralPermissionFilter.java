package dev.rcguard.servlet;

import dev.rcguard.ConfigurationException;
import dev.rcguard.InvalidRequirementException;
import dev.rcguard.TokenSource;
import dev.rcguard.spi.ApplicationGuard;
import dev.rcguard.spi.GuardConfig;
import dev.rcguard.spi.ProblemRenderer;
import dev.rcguard.spi.ProblemResponse;
import dev.rcguard.spi.RequestMemo;
import dev.rcguard.spi.Verdict;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Collections;

/**
 * Checks every request it is mapped to live against RingCentral before the rest of the chain runs.
 *
 * <h2>Usage</h2>
 * Declare and map it in {@code web.xml} (it maps nothing by itself). The request's {@code Authorization: Bearer}
 * token is checked for the listed permissions ({@code authz-profile/check}) and features ({@code features});
 * only a grant lets the chain run. A refusal is answered {@code application/problem+json}: 401 without a usable
 * token or when RingCentral rejects it, 403 when a permission or feature is denied, 503 when RingCentral cannot
 * answer (fail closed). Several declarations compose: each matching one must grant, and they share one answer per id
 * per request with each other and with the JAX-RS and CDI layers.
 *
 * <pre>{@code
 * <filter>
 *     <filter-name>messages</filter-name>
 *     <filter-class>dev.rcguard.servlet.RingCentralPermissionFilter</filter-class>
 *     <init-param><param-name>permissions</param-name><param-value>ReadMessages</param-value></init-param>
 *     <init-param><param-name>features</param-name><param-value>SMSSending</param-value></init-param>
 *     <init-param><param-name>methods</param-name><param-value>POST</param-value></init-param>
 * </filter>
 * <filter-mapping>
 *     <filter-name>messages</filter-name>
 *     <url-pattern>/messages/*</url-pattern>
 * </filter-mapping>
 * }</pre>
 *
 * <h2>Configuration</h2>
 * <table>
 *   <caption>Init-params</caption>
 *   <tr><th>init-param</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code permissions}</td><td></td><td>comma-separated permission ids, such as {@code ReadMessages}</td></tr>
 *   <tr><td>{@code features}</td><td></td><td>comma-separated feature ids; at least one of the two is required, and
 *       when both are given both must hold</td></tr>
 *   <tr><td>{@code logical}</td><td>{@code ALL}</td><td>{@code ALL} or {@code ANY}: how the ids of each list
 *       combine</td></tr>
 *   <tr><td>{@code methods}</td><td>all</td><td>comma-separated HTTP methods checked, others pass unchecked;
 *       {@code GET} brings {@code HEAD}</td></tr>
 *   <tr><td>{@code target-extension-param}</td><td>the caller's own</td><td>the extension the permissions are
 *       exercised on: a query parameter name ({@code extensionId}) or {@code path:N}, the N-th segment of the path
 *       inside the application, from 1 ({@code path:2} in {@code /extensions/1234/messages} reads {@code 1234}).
 *       A value that is absent, given twice, or not digits or {@code ~} is refused with 403 ({@code CMN-101})
 *       without asking RingCentral</td></tr>
 *   <tr><td>{@code rcguard.mode}</td><td>the application's</td><td>{@code enforce} or {@code report-only}, for this
 *       declaration</td></tr>
 * </table>
 * The other {@code rcguard.*} names ({@link GuardConfig}: server URL, timeouts, concurrency) hold for the whole
 * application, which has one guard shared by all its filters, JAX-RS resources and CDI beans: set them as
 * {@code <context-param>}s in {@code web.xml}, in MicroProfile Config, as system properties or in the environment. An
 * init-param that names one must agree with the application's value, or {@link #init()} fails saying so. The guard
 * is closed when the last filter of the application is destroyed.
 * An unknown or invalid init-param fails {@link #init()} with a message naming it. With
 * {@code rcguard.mode=report-only} a refusal is logged (never the token) and the request goes through.
 *
 * <p>Requests are checked on the dispatch types the mapping names ({@code REQUEST} by default). A requirement is
 * checked once per request and target: a {@code FORWARD} or {@code ASYNC} dispatch to the same target passes, one to
 * another target extension ({@code path:N} of the new path) is checked for that target.
 */
public class RingCentralPermissionFilter extends HttpFilter {

    /** The init-param {@code permissions}: the permission ids, separated by commas. */
    public static final String PERMISSIONS = "permissions";
    /** The init-param {@code features}: the feature ids, separated by commas. */
    public static final String FEATURES = "features";
    /** The init-param {@code logical}: {@code ALL} or {@code ANY}. */
    public static final String LOGICAL = "logical";
    /** The init-param {@code methods}: the HTTP methods checked, separated by commas. */
    public static final String METHODS = "methods";
    /** The init-param {@code target-extension-param}: where the target extension is in the request. */
    public static final String TARGET_EXTENSION_PARAM = "target-extension-param";

    private static final System.Logger LOG = System.getLogger(RingCentralPermissionFilter.class.getName());

    /** What this declaration requires, parsed from its init-params by {@link #init()}. */
    private FilterRule rule;

    /** This filter's hold on the application's guard, from {@link #init()} to {@link #destroy()}. */
    private ApplicationGuard.Lease lease;

    /** Created by the servlet container for each {@code <filter>} declaration. */
    public RingCentralPermissionFilter() {}

    @Override
    public void init() throws ServletException {
        FilterConfig config = getFilterConfig();
        ServletContext context = config.getServletContext();
        try {
            rule = FilterRule.parse(config::getInitParameter, Collections.list(config.getInitParameterNames()));
            lease = ApplicationGuard.acquire(
                    ApplicationGuard.Attributes.of(
                            context::getAttribute, context::setAttribute, context::removeAttribute),
                    context::getInitParameter,
                    config::getInitParameter);
        } catch (InvalidRequirementException | ConfigurationException e) {
            throw new ServletException("RingCentralPermissionFilter '" + getFilterName() + "': " + e.getMessage(), e);
        }
        LOG.log(
                Level.INFO,
                "RingCentralPermissionFilter ''{0}'' requires {1}, checked against {2} in {3} mode",
                getFilterName(),
                rule.requirement(),
                lease.config().serverUrl(),
                lease.config().setting(GuardConfig.MODE));
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!rule.appliesTo(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        // A re-dispatch (FORWARD, ASYNC) to the same target passes: this request was already granted the requirement.
        Verdict verdict = lease.guard()
                .enforce(
                        "filter '" + getFilterName() + "' " + request.getMethod() + " " + request.getRequestURI(),
                        rule.requirement(),
                        lease.guard().caller(tokenRequest(request)),
                        rule.target() == null ? null : rule.target().read(request),
                        RequestMemo.of(request::getAttribute, request::setAttribute),
                        lease.config().mode());
        if (verdict.proceeds()) {
            chain.doFilter(request, response);
        } else {
            write(ProblemRenderer.render(verdict.decision()), response);
        }
    }

    /**
     * What the application's token source may read of {@code request}, and where it keeps a refreshed token; no
     * session is created.
     */
    static TokenSource.Request tokenRequest(HttpServletRequest request) {
        return TokenSource.Request.of(
                request::getHeader,
                request::getAttribute,
                name -> {
                    HttpSession session = request.getSession(false);
                    return session == null ? null : session.getAttribute(name);
                },
                (name, value) -> {
                    HttpSession session = request.getSession(false);
                    if (session == null) {
                        throw new IllegalStateException("the request has no session to keep the refreshed token in");
                    }
                    session.setAttribute(name, value);
                });
    }

    @Override
    public void destroy() {
        if (lease != null) {
            lease.close();
        }
    }

    private static void write(ProblemResponse problem, HttpServletResponse response) throws IOException {
        response.resetBuffer();
        response.setStatus(problem.status());
        problem.headers().forEach(response::setHeader);
        response.setContentLength(problem.body().length);
        response.getOutputStream().write(problem.body());
        response.flushBuffer();
    }
}
