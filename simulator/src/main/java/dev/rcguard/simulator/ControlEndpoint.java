package dev.rcguard.simulator;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulator's control endpoint ({@link RingCentralSimulator.Builder#controlEndpoint(boolean)}), under
 * {@value #PATH} on the simulator's own port and never under RingCentral's {@code /restapi}: what the Java API does
 * with {@link SimulatedUser#grant(String)}, {@link SimulatedUser#revoke(String)} and {@link CallCounters}, over HTTP.
 * Users are named by their login.
 *
 * <pre>
 * GET    /simulator/users                                  the users: name, account and extension ids
 * GET    /simulator/users/{name}                           one user: granted permissions, unavailable features, budgets
 * GET    /simulator/users/{name}/grants/{permission}       {"user", "permission", "granted", "scopes"?}
 * POST   /simulator/users/{name}/grants/{permission}       grants it (scope Self unless granted already), "changed"
 * DELETE /simulator/users/{name}/grants/{permission}       revokes it, "changed"
 * GET    /simulator/counters                               the calls RingCentral received, in total and per user
 * DELETE /simulator/counters                               sets them to zero
 * </pre>
 *
 * Every input is checked: the {@code Host} is the simulator's loopback address and an {@code Origin}, if any, too
 * (403 otherwise: no web page can drive it), no query and no body (400), names and ids of their documented
 * characters (400), a known user (404), a known path (404) and method (405 with {@code Allow}). Answers are
 * {@code application/json}, refusals {@code application/problem+json}; none is cached, none is counted as a call to
 * RingCentral, none carries a token.
 */
final class ControlEndpoint implements HttpHandler {
    static final String PATH = "/simulator/";

    private static final System.Logger LOG = System.getLogger(ControlEndpoint.class.getName());
    private static final Pattern USER = Pattern.compile("/simulator/users/([^/]*)");
    private static final Pattern GRANT = Pattern.compile("/simulator/users/([^/]*)/grants/([^/]*)");
    private static final String PATHS = "/simulator/users, /simulator/users/{name}, "
            + "/simulator/users/{name}/grants/{permission}, /simulator/counters";

    private final RingCentralSimulator simulator;
    private final UserDirectory users;
    private final CallCounters counters;

    ControlEndpoint(RingCentralSimulator simulator, UserDirectory users, CallCounters counters) {
        this.simulator = simulator;
        this.users = users;
        this.counters = counters;
    }

    /** A refusal: its status, its detail, and the headers it needs. */
    private static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final transient Map<String, String> headers;

        Refusal(int status, String detail) {
            this(status, detail, Map.of());
        }

        Refusal(int status, String detail, Map<String, String> headers) {
            super(detail, null, false, false);
            this.status = status;
            this.headers = headers;
        }
    }

    @Override
    public void handle(HttpExchange exchange) {
        try (exchange) {
            Answer answer;
            try {
                answer = Answer.json(200, answer(exchange));
            } catch (Refusal refusal) {
                answer = problem(refusal);
            }
            write(exchange, answer);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "Control client went away before the answer was written", e);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Control endpoint failed to answer", e);
        }
    }

    private Object answer(HttpExchange exchange) {
        Headers headers = exchange.getRequestHeaders();
        int port = exchange.getLocalAddress().getPort();
        requireOwnAddress(headers, port);
        if (exchange.getRequestURI().getRawQuery() != null) {
            throw new Refusal(400, "The control endpoint takes no query parameters");
        }
        if (hasBody(headers)) {
            throw new Refusal(400, "The control endpoint takes no request body");
        }
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        Matcher grant = GRANT.matcher(path);
        Matcher user = USER.matcher(path);
        if (path.equals("/simulator/users")) {
            allow(method, "GET");
            return usersList();
        } else if (path.equals("/simulator/counters")) {
            allow(method, "GET", "DELETE");
            if (method.equals("DELETE")) {
                counters.reset();
                LOG.log(System.Logger.Level.INFO, "Control: counters reset");
            }
            return counters();
        } else if (grant.matches()) {
            allow(method, "GET", "POST", "DELETE");
            return grant(method, user(grant.group(1)), permissionId(grant.group(2)));
        } else if (user.matches()) {
            allow(method, "GET");
            return userView(user(user.group(1)));
        }
        throw new Refusal(404, "No such control path: " + path + "; the paths are " + PATHS);
    }

    /** A DNS name rebound to 127.0.0.1, or a web page posting a form, must not reach it. */
    private static void requireOwnAddress(Headers headers, int port) {
        String host = headers.getFirst("Host");
        List<String> own = List.of("127.0.0.1:" + port, "localhost:" + port);
        if (host == null || !own.contains(host.toLowerCase(Locale.ROOT))) {
            throw new Refusal(403, "The control endpoint answers requests to 127.0.0.1:" + port + " only");
        }
        String origin = headers.getFirst("Origin");
        if (origin != null && !own.contains(origin.toLowerCase(Locale.ROOT).replaceFirst("^http://", ""))) {
            throw new Refusal(403, "The control endpoint answers no web page (Origin " + origin + ")");
        }
    }

    private static boolean hasBody(Headers headers) {
        String length = headers.getFirst("Content-Length");
        return headers.containsKey("Transfer-Encoding")
                || (length != null && !length.strip().equals("0"));
    }

    private static void allow(String method, String... allowed) {
        if (!List.of(allowed).contains(method)) {
            String allow = String.join(", ", allowed);
            throw new Refusal(405, method + " is not allowed here; allowed: " + allow, Map.of("Allow", allow));
        }
    }

    private SimulatedUser user(String name) {
        if (!UsersFile.NAME.matcher(name).matches()) {
            throw new Refusal(400, "Not a user name (" + UsersFile.NAME_RULE + "): " + Json.write(shorten(name)));
        }
        return users.byLogin(name)
                .orElseThrow(
                        () -> new Refusal(404, "No user named " + name + "; users: " + String.join(", ", names())));
    }

    private static String permissionId(String id) {
        if (!UsersFile.ID.matcher(id).matches()) {
            throw new Refusal(400, "Not a permission id (" + UsersFile.ID_RULE + "): " + Json.write(shorten(id)));
        }
        return id;
    }

    private Map<String, Object> grant(String method, SimulatedUser user, String permissionId) {
        String name = user.login().orElseThrow();
        boolean changed = false;
        // one user's check-then-change is atomic: SimulatedUser synchronizes on itself
        synchronized (user) {
            boolean granted = user.permission(permissionId).isPresent();
            if (method.equals("POST") && !granted) {
                user.grant(permissionId);
                changed = true;
            } else if (method.equals("DELETE") && granted) {
                user.revoke(permissionId);
                changed = true;
            }
        }
        if (changed) {
            LOG.log(
                    System.Logger.Level.INFO,
                    "Control: {0} {1} {2}",
                    method.equals("POST") ? "granted" : "revoked",
                    permissionId,
                    method.equals("POST") ? "to " + name : "from " + name);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("user", name);
        answer.put("permission", permissionId);
        Optional<Permission> now = user.permission(permissionId);
        answer.put("granted", now.isPresent());
        now.ifPresent(p -> answer.put("scopes", p.scopes()));
        if (!method.equals("GET")) {
            answer.put("changed", changed);
        }
        return answer;
    }

    private Map<String, Object> usersList() {
        List<Object> list = users.all().stream()
                .filter(u -> u.login().isPresent())
                .map(u -> (Object) ids(u))
                .toList();
        return Map.of("users", list);
    }

    private Map<String, Object> userView(SimulatedUser user) {
        Map<String, Object> view = ids(user);
        view.put("granted", user.permissions().stream().map(Permission::id).toList());
        view.put(
                "unavailableFeatures",
                user.features().stream()
                        .filter(f -> !f.available())
                        .map(Feature::id)
                        .distinct()
                        .toList());
        RateLimits limits = simulator.currentRateLimits();
        Map<String, Object> rateLimits = new LinkedHashMap<>();
        rateLimits.put("enabled", limits.enabled());
        if (limits.enabled()) {
            Map<String, Object> groups = new LinkedHashMap<>();
            for (RateLimits.Group group : RateLimits.Group.values()) {
                RateLimitUsage usage = simulator.rateLimitUsage(user, group);
                Map<String, Object> budget = new LinkedHashMap<>();
                budget.put("limit", usage.limit());
                budget.put("spent", usage.spent());
                budget.put("remaining", usage.remaining());
                budget.put("inPenalty", usage.inPenalty());
                groups.put(group.headerValue(), budget);
            }
            rateLimits.put("groups", groups);
        }
        view.put("rateLimits", rateLimits);
        return view;
    }

    private static Map<String, Object> ids(SimulatedUser user) {
        Map<String, Object> ids = new LinkedHashMap<>();
        ids.put("name", user.login().orElseThrow());
        ids.put("accountId", user.accountId());
        ids.put("extensionId", user.extensionId());
        return ids;
    }

    private Map<String, Object> counters() {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("total", counters.total());
        answer.put("connections", counters.connections());
        Map<String, Object> endpoints = new LinkedHashMap<>();
        for (Endpoint endpoint : Endpoint.values()) {
            endpoints.put(endpoint.name(), counters.calls(endpoint));
        }
        answer.put("endpoints", endpoints);
        Map<String, Object> perUser = new LinkedHashMap<>();
        for (SimulatedUser user : users.all()) {
            if (user.login().isEmpty()) {
                continue;
            }
            long calls = 0;
            Map<String, Long> permissions = new TreeMap<>();
            Map<String, Long> features = new TreeMap<>();
            for (String token : user.tokens()) {
                calls += counters.callsWithToken(token);
                counters.idsAsked(Endpoint.PERMISSION_CHECK, token)
                        .forEach((id, n) -> permissions.merge(id, n, Long::sum));
                counters.idsAsked(Endpoint.FEATURES, token).forEach((id, n) -> features.merge(id, n, Long::sum));
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("calls", calls);
            entry.put("permissions", permissions);
            entry.put("features", features);
            perUser.put(user.login().get(), entry);
        }
        answer.put("users", perUser);
        return answer;
    }

    private List<String> names() {
        return users.all().stream().flatMap(u -> u.login().stream()).toList();
    }

    private static String shorten(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }

    private static Answer problem(Refusal refusal) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title(refusal.status));
        body.put("status", refusal.status);
        body.put("detail", refusal.getMessage());
        Answer answer = new Answer(
                refusal.status,
                "application/problem+json",
                Map.of(),
                Json.write(body).getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, String> header : refusal.headers.entrySet()) {
            answer = answer.withHeader(header.getKey(), header.getValue());
        }
        return answer;
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            default -> "Error";
        };
    }

    private static void write(HttpExchange exchange, Answer answer) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", answer.contentType());
        headers.set("Cache-Control", "no-store");
        answer.headers().forEach(headers::set);
        byte[] body = answer.body();
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(answer.status(), -1); // a HEAD answer has no body
            return;
        }
        exchange.sendResponseHeaders(answer.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
