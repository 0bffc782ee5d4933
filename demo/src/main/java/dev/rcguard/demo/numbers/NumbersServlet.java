package dev.rcguard.demo.numbers;

import dev.rcguard.internal.budget.RateLimitEconomy;
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

/**
 * {@code GET /demo/numbers}, not protected by the guard: the application's live numbers for the page's panel. The
 * checks by outcome and their latency come from the events of every adapter ({@link NumbersListener}); the calls made,
 * the decisions reused and the refusals for budget from the guard's rate-limit economy. It never shows a token, and a
 * token sent with it is ignored. Each application of the demo has its own: {@code /demo/numbers} and
 * {@code /session/demo/numbers}.
 *
 * <pre>{@code
 * curl http://127.0.0.1:8080/demo/numbers
 * # {"application":"/","checks":7,"outcomes":{"granted":4,"denied":1,"unauthenticated":2,"unavailable":0},...}
 * }</pre>
 */
public class NumbersServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /**
     * The application's numbers since it started.
     *
     * @param application the application's context path
     * @param checks checks the guard reported: one per adapter check (a second adapter's check of what the same
     *     request was already granted is none)
     * @param outcomes the checks by decision
     * @param wouldRefuse checks not granted that {@code rcguard.mode=report-only} let through
     * @param calls what the checks cost RingCentral
     * @param latencyMs how long the latest checks took in the guard
     * @param upstreamMs how long the guard's calls to RingCentral took
     */
    @JsonbPropertyOrder({"application", "checks", "outcomes", "wouldRefuse", "calls", "latencyMs", "upstreamMs"})
    public record Numbers(
            String application,
            long checks,
            Outcomes outcomes,
            long wouldRefuse,
            Calls calls,
            Latency latencyMs,
            Upstream upstreamMs) {}

    /** The checks by their decision's outcome. */
    @JsonbPropertyOrder({"granted", "denied", "unauthenticated", "unavailable"})
    public record Outcomes(long granted, long denied, long unauthenticated, long unavailable) {}

    /**
     * What the checks cost RingCentral.
     *
     * @param needed the calls the checks would cost asked one by one: one per permission id and one for a
     *     requirement's features, for each check whose request carried a token and a well-formed target
     * @param made the calls the guard sent to RingCentral (its economy's count)
     * @param saved {@code needed - made - refusedForBudget}, never below 0: checks answered without a call of their
     *     own, from a recent decision, an identical check in flight, or the same request's earlier answer. A check
     *     asked again after a token refresh counts its calls and reused decisions twice (one event, two attempts), so
     *     that saved may then be fewer than the decisions reused
     * @param reusedDecisions ids answered from the user's recent decision because the budget could not afford a call
     * @param refusedForBudget ids refused with 503 without a call: not saved, refused
     */
    @JsonbPropertyOrder({"needed", "made", "saved", "reusedDecisions", "refusedForBudget"})
    public record Calls(long needed, long made, long saved, long reusedDecisions, long refusedForBudget) {}

    /**
     * The nearest-rank percentiles of the latency of the latest checks, in milliseconds: from the start of each check
     * to its decision, as its event says, with the RingCentral call when one was made.
     *
     * @param checks how many of the latest checks (at most {@value CheckNumbers#LATENCY_WINDOW})
     */
    @JsonbPropertyOrder({"checks", "p50", "p95", "max"})
    public record Latency(int checks, double p50, double p95, double max) {}

    /**
     * The guard's calls to RingCentral since it started, timed from going out to their answer read (the economy's
     * count), in milliseconds.
     *
     * @param calls the calls that have ended
     */
    @JsonbPropertyOrder({"calls", "mean", "max"})
    public record Upstream(long calls, double mean, double max) {}

    private transient Jsonb json;
    private transient ApplicationGuard.Lease lease;

    /** Takes a lease on the application's guard (starting it if no adapter has): its listener counts from then on. */
    @Override
    public void init() {
        ServletContext context = getServletContext();
        lease = ApplicationGuard.acquire(
                ApplicationGuard.Attributes.of(context::getAttribute, context::setAttribute, context::removeAttribute),
                context::getInitParameter,
                name -> null);
        json = JsonbBuilder.create();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String application = request.getContextPath().isEmpty() ? "/" : request.getContextPath();
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(json.toJson(numbers(application)));
    }

    private Numbers numbers(String application) {
        RateLimitEconomy economy = lease.guard().economy();
        long made = economy.liveCalls();
        long reused = economy.reusedDecisions();
        long refused = economy.refusedForBudget();
        RateLimitEconomy.CallTimes.Snapshot upstream = economy.callTimes();
        CheckNumbers.Snapshot checks = NumbersListener.current().snapshot();
        long saved = Math.max(0, checks.callsNeeded() - made - refused);
        return new Numbers(
                application,
                checks.checks(),
                new Outcomes(checks.granted(), checks.denied(), checks.unauthenticated(), checks.unavailable()),
                checks.wouldRefuse(),
                new Calls(checks.callsNeeded(), made, saved, reused, refused),
                new Latency(
                        checks.latencyNanos().length,
                        millis(checks.latencyPercentile(50)),
                        millis(checks.latencyPercentile(95)),
                        millis(checks.latencyPercentile(100))),
                new Upstream(
                        upstream.answered(),
                        millis(upstream.mean().toNanos()),
                        millis(upstream.longest().toNanos())));
    }

    /** Nanoseconds as milliseconds, to the microsecond. */
    private static double millis(long nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0;
    }

    @Override
    public void destroy() {
        if (lease != null) {
            lease.close();
        }
        if (json != null) {
            try {
                json.close();
            } catch (Exception e) {
                log("Closing JSON-B failed", e);
            }
        }
    }
}
