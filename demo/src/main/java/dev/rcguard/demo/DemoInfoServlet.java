package dev.rcguard.demo;

import dev.rcguard.internal.budget.Budget;
import dev.rcguard.internal.budget.Policy;
import dev.rcguard.internal.budget.RateLimitEconomy;
import dev.rcguard.simulator.CallCounters;
import dev.rcguard.simulator.RateLimitUsage;
import dev.rcguard.simulator.RateLimits;
import dev.rcguard.simulator.RingCentralSimulator;
import dev.rcguard.simulator.SimulatedUser;
import dev.rcguard.spi.ApplicationGuard;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The page's helpers, not protected by the guard: {@code GET /demo/users}, {@code /demo/cases},
 * {@code /demo/counters} (the simulator's call counters, in total and per demo user) and
 * {@code /demo/economy?user=NAME} (the guard's rate-limit economy, and one demo user's budget per group as RingCentral
 * and as the guard see it). No answer carries a token but {@code /demo/users}, which lists the demo's own.
 * {@code /demo/numbers} is {@link dev.rcguard.demo.numbers.NumbersServlet}'s, which each application has.
 *
 * <pre>{@code
 * curl http://127.0.0.1:8080/demo/counters   # {"ringCentral":"http://127.0.0.1:40123","simulated":true,"total":3,...}
 * curl 'http://127.0.0.1:8080/demo/economy?user=alice'   # {"user":"alice","liveCalls":3,"reusedDecisions":37,...}
 * }</pre>
 */
public final class DemoInfoServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** A demo user as the page shows it. */
    public record User(String name, String token, String story, String extensionId) {}

    /** What reached RingCentral so far. */
    public record Counters(String ringCentral, boolean simulated, long total, Map<String, Long> byUser) {}

    /**
     * The guard's economy and one demo user's budgets.
     *
     * @param user the demo user's name
     * @param liveCalls calls the guard sent to RingCentral since it started, for every user
     * @param reusedDecisions ids the guard answered from a recent decision instead of a call, for every user
     * @param refusedForBudget ids refused with 503 and {@code Retry-After}, for every user
     * @param rateLimitedAnswers 429s RingCentral answered the guard (the economy's goal: 0)
     * @param ringCentralCalls calls RingCentral received with the user's token (the simulator's counter)
     * @param share the share of each budget the guard may spend ({@code rcguard.rate-limit-share})
     * @param maxDecisionAgeMs the oldest decision the guard reuses ({@code rcguard.max-decision-age-ms})
     * @param groups the user's budget per rate-limit group: {@code Light} (permission checks), {@code Medium} (features)
     */
    @JsonbPropertyOrder({
        "user",
        "liveCalls",
        "reusedDecisions",
        "refusedForBudget",
        "rateLimitedAnswers",
        "ringCentralCalls",
        "share",
        "maxDecisionAgeMs",
        "groups"
    })
    public record Economy(
            String user,
            long liveCalls,
            long reusedDecisions,
            long refusedForBudget,
            long rateLimitedAnswers,
            long ringCentralCalls,
            double share,
            long maxDecisionAgeMs,
            Map<String, Group> groups) {}

    /** One rate-limit group of the user, as RingCentral counts it and as the guard spends it. */
    @JsonbPropertyOrder({"ringCentral", "guard"})
    public record Group(RingCentralView ringCentral, GuardView guard) {}

    /** The simulator's count of the user's current window: every call of the user, the guard's and the app's own. */
    @JsonbPropertyOrder({"limit", "spent", "remaining", "inPenalty"})
    public record RingCentralView(int limit, int spent, int remaining, boolean inPenalty) {}

    /**
     * The guard's view of the user's budget.
     *
     * @param known whether the guard keeps a budget for the user in this group (else it would start from a full one)
     * @param tokens calls the guard may make now out of its share (its token bucket; below 0 after calls charged late)
     * @param remainingSeen what RingCentral's {@code X-Rate-Limit-Remaining} last said, less the guard's calls since;
     *     -1 when unknown
     * @param inPenalty whether the guard waits out a 429 penalty
     */
    @JsonbPropertyOrder({"known", "tokens", "remainingSeen", "inPenalty"})
    public record GuardView(boolean known, double tokens, int remainingSeen, boolean inPenalty) {}

    /** A refusal of a malformed {@code /demo/economy} request, shaped like RFC 9457 problem details. */
    @JsonbPropertyOrder({"type", "title", "status", "detail"})
    public record Problem(String type, String title, int status, String detail) {}

    private final transient Demo demo;
    private final transient Jsonb json = JsonbBuilder.create();
    private transient ApplicationGuard.Lease lease;

    DemoInfoServlet(Demo demo) {
        this.demo = demo;
    }

    /** Takes a lease on the application's guard, the one the application's adapters share. */
    @Override
    public void init() {
        ServletContext context = getServletContext();
        lease = ApplicationGuard.acquire(
                ApplicationGuard.Attributes.of(context::getAttribute, context::setAttribute, context::removeAttribute),
                context::getInitParameter,
                name -> null);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = String.valueOf(request.getPathInfo());
        if (path.equals("/economy")) {
            economy(request, response);
            return;
        }
        Object body = switch (path) {
            case "/users" -> users();
            case "/cases" -> demo.cases();
            case "/counters" -> counters();
            default -> null;
        };
        if (body == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        write(response, HttpServletResponse.SC_OK, "application/json", body);
    }

    private void write(HttpServletResponse response, int status, String contentType, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType(contentType);
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

    private void economy(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = request.getParameter("user");
        DemoUser user = demo.users().stream()
                .filter(u -> u.name().equals(name))
                .findFirst()
                .orElse(null);
        if (user == null) {
            String known =
                    String.join(", ", demo.users().stream().map(DemoUser::name).toList());
            String detail = (name == null || name.isEmpty() ? "The parameter user is missing" : "No such demo user")
                    + (known.isEmpty() ? "; a real RingCentral has no demo users" : "; one of: " + known);
            write(
                    response,
                    HttpServletResponse.SC_BAD_REQUEST,
                    "application/problem+json",
                    new Problem("about:blank", "Bad Request", HttpServletResponse.SC_BAD_REQUEST, detail));
            return;
        }
        write(response, HttpServletResponse.SC_OK, "application/json", economy(user));
    }

    private Economy economy(DemoUser user) {
        RingCentralSimulator simulator = demo.simulator().orElseThrow(); // demo users exist with the simulator only
        RateLimitEconomy economy = lease.guard().economy();
        SimulatedUser simulated = simulator.user(user.token());
        String key = simulated.accountId() + "/" + simulated.extensionId();
        long now = System.currentTimeMillis(); // the guard's clock
        Map<String, Group> groups = new LinkedHashMap<>();
        groups.put("Light", group(simulator, economy, user, key, RateLimits.Group.LIGHT, "Light", now));
        groups.put("Medium", group(simulator, economy, user, key, RateLimits.Group.MEDIUM, "Medium", now));
        return new Economy(
                user.name(),
                economy.liveCalls(),
                economy.reusedDecisions(),
                economy.refusedForBudget(),
                economy.rateLimitedAnswers(),
                simulator.counters().callsWithToken(user.token()),
                economy.policy().share(),
                economy.policy().maxDecisionAgeMillis(),
                groups);
    }

    private static Group group(
            RingCentralSimulator simulator,
            RateLimitEconomy economy,
            DemoUser user,
            String key,
            RateLimits.Group simulatorGroup,
            String guardGroup,
            long now) {
        RateLimitUsage usage = simulator.rateLimitUsage(user.token(), simulatorGroup);
        Policy policy = economy.policy();
        Budget budget = economy.budget(key, guardGroup);
        GuardView guard = budget == null
                ? new GuardView(
                        false, round(Budget.fresh(guardGroup, now, policy).tokensAt(now, policy)), -1, false)
                : new GuardView(
                        true,
                        round(budget.tokensAt(now, policy)),
                        budget.remainingNow(now),
                        budget.penaltyUntil() > now);
        return new Group(
                new RingCentralView(usage.limit(), usage.spent(), usage.remaining(), usage.inPenalty()), guard);
    }

    private static double round(double tokens) {
        return Math.round(tokens * 100) / 100.0;
    }

    @Override
    public void destroy() {
        if (lease != null) {
            lease.close();
        }
        try {
            json.close();
        } catch (Exception e) {
            log("Closing JSON-B failed", e);
        }
    }
}
