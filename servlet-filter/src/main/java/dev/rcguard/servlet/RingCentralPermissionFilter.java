package dev.rcguard.servlet;

import dev.rcguard.spi.Caller;
import dev.rcguard.Decision;
import dev.rcguard.InvalidRequirementException;
import dev.rcguard.spi.RequestMemo;
import dev.rcguard.ConfigurationException;
import dev.rcguard.spi.GuardConfig;
import dev.rcguard.spi.PermissionGuard;
import dev.rcguard.spi.ProblemRenderer;
import dev.rcguard.spi.ProblemResponse;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
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
 *   <tr><td>{@code rcguard.*}</td><td></td><td>every name of {@link GuardConfig}; an init-param wins over
 *       MicroProfile Config, system properties and the environment</td></tr>
 * </table>
 * An unknown or invalid init-param fails {@link #init()} with a message naming it. With
 * {@code rcguard.mode=report-only} a refusal is logged (never the token) and the request goes through.
 *
 * <p>Requests are checked on the dispatch types the mapping names ({@code REQUEST} by default), and never twice by
 * the same declaration: a request it already let through on {@code REQUEST} passes its {@code FORWARD} or
 * {@code ASYNC} dispatch unchecked.
 */
public class RingCentralPermissionFilter extends HttpFilter {

    public static final String PERMISSIONS = "permissions";
    public static final String FEATURES = "features";
    public static final String LOGICAL = "logical";
    public static final String METHODS = "methods";
    public static final String TARGET_EXTENSION_PARAM = "target-extension-param";

    private static final System.Logger LOG = System.getLogger(RingCentralPermissionFilter.class.getName());

    private FilterRule rule;
    private PermissionGuard guard;
    private String checkedAttribute;

    @Override
    public void init() throws ServletException {
        FilterConfig config = getFilterConfig();
        String name = config.getFilterName();
        try {
            rule = FilterRule.parse(config::getInitParameter, Collections.list(config.getInitParameterNames()));
            guard = PermissionGuard.shared(GuardConfig.load(config::getInitParameter));
        } catch (InvalidRequirementException | ConfigurationException e) {
            throw new ServletException("RingCentralPermissionFilter '" + name + "': " + e.getMessage(), e);
        }
        checkedAttribute = RingCentralPermissionFilter.class.getName() + ".checked." + name;
        LOG.log(Level.INFO, "RingCentralPermissionFilter ''{0}'' requires {1}", name, rule.requirement());
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        // An unlisted method, or a re-dispatch (FORWARD, ASYNC) of a request this declaration already checked.
        if (!rule.appliesTo(request.getMethod()) || request.getAttribute(checkedAttribute) != null) {
            chain.doFilter(request, response);
            return;
        }
        request.setAttribute(checkedAttribute, Boolean.TRUE);
        Decision decision = decide(request);
        if (decision.isGranted()) {
            chain.doFilter(request, response);
        } else if (guard.config().mode() == GuardConfig.Mode.REPORT_ONLY) {
            log(Level.WARNING, "would refuse", request, decision);
            chain.doFilter(request, response);
        } else {
            log(Level.DEBUG, "refused", request, decision);
            write(ProblemRenderer.render(decision), response);
        }
    }

    private Decision decide(HttpServletRequest request) {
        Caller caller = Caller.ofBearer(request.getHeader("Authorization"));
        String target = null;
        // Without a token the answer is 401 whatever the target; a bad target is never sent to RingCentral.
        if (caller != null && rule.target() != null) {
            target = rule.target().read(request);
            if (!Caller.isExtensionId(target)) {
                return rule.invalidTarget();
            }
        }
        RequestMemo memo = RequestMemo.of(request::getAttribute, request::setAttribute);
        return guard.check(caller, rule.requirement(), target, memo);
    }

    private static void write(ProblemResponse problem, HttpServletResponse response) throws IOException {
        response.resetBuffer();
        response.setStatus(problem.status());
        problem.headers().forEach(response::setHeader);
        response.setContentLength(problem.body().length);
        response.getOutputStream().write(problem.body());
        response.flushBuffer();
    }

    private void log(Level level, String what, HttpServletRequest request, Decision decision) {
        if (LOG.isLoggable(level)) {
            String id = decision.id() == null ? "" : " " + decision.id();
            String reason =
                    decision.reason() == null ? "no token" : decision.reason().code();
            LOG.log(
                    level,
                    "RingCentralPermissionFilter ''{0}'' {1} {2} {3}: {4}{5} ({6})",
                    getFilterName(),
                    what,
                    request.getMethod(),
                    request.getRequestURI(),
                    decision.outcome(),
                    id,
                    reason);
        }
    }
}
