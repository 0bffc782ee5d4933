package dev.rcguard.demo;

import dev.rcguard.simulator.CallCounters;
import dev.rcguard.simulator.RingCentralSimulator;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The page's helpers, not protected by the guard: {@code GET /demo/users}, {@code /demo/cases} and
 * {@code /demo/counters} (the simulator's call counters, in total and per demo user).
 *
 * <pre>{@code
 * curl http://127.0.0.1:8080/demo/counters   # {"ringCentral":"http://127.0.0.1:40123","simulated":true,"total":3,...}
 * }</pre>
 */
public final class DemoInfoServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** A demo user as the page shows it. */
    public record User(String name, String token, String story, String extensionId) {}

    /** What reached RingCentral so far. */
    public record Counters(String ringCentral, boolean simulated, long total, Map<String, Long> byUser) {}

    private final transient Demo demo;
    private final transient Jsonb json = JsonbBuilder.create();

    DemoInfoServlet(Demo demo) {
        this.demo = demo;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object body = switch (String.valueOf(request.getPathInfo())) {
            case "/users" -> users();
            case "/cases" -> demo.cases();
            case "/counters" -> counters();
            default -> null;
        };
        if (body == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(json.toJson(body));
    }

    private List<User> users() {
        return demo.simulator()
                .map(simulator -> demo.users().stream()
                        .map(u -> new User(
                                u.name(),
                                u.token(),
                                u.story(),
                                simulator.user(u.token()).extensionId()))
                        .toList())
                .orElse(List.of());
    }

    private Counters counters() {
        String ringCentral = demo.ringCentral().toString();
        if (demo.simulator().isEmpty()) {
            return new Counters(ringCentral, false, 0, Map.of());
        }
        RingCentralSimulator simulator = demo.simulator().get();
        CallCounters counters = simulator.counters();
        Map<String, Long> byUser = new LinkedHashMap<>();
        demo.users().forEach(u -> byUser.put(u.name(), counters.callsWithToken(u.token())));
        return new Counters(ringCentral, true, counters.total(), byUser);
    }

    @Override
    public void destroy() {
        try {
            json.close();
        } catch (Exception e) {
            log("Closing JSON-B failed", e);
        }
    }
}
