package dev.rcguard.servers.payara;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rcguard.servers.fixture.CallLogResource;
import dev.rcguard.servers.fixture.GuardedApplication;
import dev.rcguard.servers.fixture.MessagesResource;
import dev.rcguard.servers.support.Http;
import dev.rcguard.servers.support.Pause;
import dev.rcguard.servers.support.Ports;
import dev.rcguard.servers.support.Reply;
import dev.rcguard.servers.support.Settings;
import dev.rcguard.servers.support.Wars;
import dev.rcguard.simulator.Endpoint;
import dev.rcguard.simulator.RateLimitUsage;
import dev.rcguard.simulator.RateLimits;
import dev.rcguard.simulator.RingCentralSimulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.shrinkwrap.api.ArchivePath;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two Payara Micro instances, one Hazelcast data grid on 127.0.0.1, the same WAR on both with
 * {@code rcguard.rate-limit-store=jcache}: the guards of the two nodes spend one user's RingCentral budget together,
 * through Payara's own JCache (the WAR carries the rcguard jars only), against the simulator with RingCentral's
 * default limits and the real clock.
 *
 * <p>The scenarios run in order on the same cluster and the same user: A (a steady load across both nodes stays
 * within the guard's half of the budget), C (a revocation reaches both nodes within the decision-age bound), B (a 429
 * seen by one node holds the other back) and D (one node killed; the other keeps serving and keeps the rules). B
 * runs after C because its penalty (60 s) must end before D; the measured numbers go to the test's output and to
 * {@code target/runs/payara-cluster-report.txt}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PayaraClusterTest {

    static final String ALICE = "payara-alice-token";
    static final String ACCOUNT = "400100200300";
    static final String EXTENSION = "400100200399";
    static final String CLUSTER = "rcguard-payara-cluster";
    static final int[] HTTP_PORTS = {18881, 18882};
    static final int[] HAZELCAST_PORTS = {16901, 16902};
    static final String MESSAGES = "/cluster/api/messages";
    static final String CALL_LOG = "/cluster/api/call-log";
    /** {@code rcguard.max-decision-age-ms}'s default: a decision older than this is never reused. */
    static final Duration MAX_DECISION_AGE = Duration.ofSeconds(10);
    /** The guard's share of a user's 50 Light calls a minute (half), in any 60 s. */
    static final int GUARD_SHARE = 25;
    /** Payara says so when its view of the data grid changes: {@code ... DG Name: rcguard-payara-cluster DG Size: 2}. */
    static final Pattern MEMBERS = Pattern.compile("DG Name: " + CLUSTER + " DG Size: (\\d+)");
    /**
     * What Payara logs, over and over, when the application's {@code Caching.getCachingProvider()} is Hazelcast's
     * delegating provider in its default client mode rather than Payara's own JCache: a new Hazelcast client
     * ({@code _hzinstance_jcache_shared}) looking for a cluster on 127.0.0.1:5701-5703, for ever, while the deployment
     * waits.
     */
    static final Pattern JCACHE_CLIENT = Pattern.compile(
            "_hzinstance_jcache_shared .*(Unable to get live cluster connection|Exception during initial connection)[^\\n]*");
    /** The library's line when a node stops using the cluster's JCache (FallbackBudgetStore). */
    static final String FELL_BACK = "keeps to its own state";
    /** ... and when it uses it again. */
    static final String BACK = "answers again";

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    static RingCentralSimulator simulator;
    static final List<PayaraMicro> nodes = new ArrayList<>();
    static final StringBuilder report = new StringBuilder();

    @BeforeAll
    static void startCluster() {
        Ports.assertFree(HTTP_PORTS);
        Ports.assertFree(HAZELCAST_PORTS);
        simulator = RingCentralSimulator.builder()
                .rateLimits(RateLimits.ringCentralDefaults())
                .user(u -> u.token(ALICE)
                        .accountId(ACCOUNT)
                        .extensionId(EXTENSION)
                        .grant("ReadMessages")
                        .grant("ReadCallLog"))
                .start();
        WebArchive war = Wars.onApplicationServer(
                        "cluster", simulator.baseUri().toString(), "rcguard.rate-limit-store=jcache\n")
                .addClasses(GuardedApplication.class, MessagesResource.class, CallLogResource.class);
        assertThat(libraries(war))
                .as("the WAR's WEB-INF/lib: the rcguard jars only (javax.cache and Hazelcast come from Payara)")
                .containsExactlyInAnyOrder("rcguard-core.jar", "rcguard-cdi.jar", "rcguard-servlet.jar");

        long start = System.nanoTime();
        // One after the other: the second joins the grid the first has formed (two members starting at once may
        // each form a grid of their own, merged only minutes later).
        for (int n = 0; n < 2; n++) {
            PayaraMicro node = PayaraMicro.launchMember(
                    "payara-cluster-" + (n + 1),
                    HTTP_PORTS[n],
                    "/payara/cluster/node" + (n + 1) + "/hazelcast-config.xml",
                    CLUSTER,
                    war);
            nodes.add(node);
            node.awaitReady(
                    JCACHE_CLIENT,
                    "the guard's JCache (rcguard.rate-limit-store=jcache) is a new Hazelcast client, not Payara's own"
                            + " data grid, and the deployment waits for it to connect");
        }
        for (PayaraMicro node : nodes) {
            awaitConsole(node, Duration.ofSeconds(60), text -> lastMembers(text) == 2, "a data grid of 2 members");
            assertThat(node.process().nonLoopbackListeners())
                    .as("%s listens beyond 127.0.0.1", node.process())
                    .isEmpty();
        }
        note("cluster of 2 ready in %d s (sequential boots)", seconds(System.nanoTime() - start));
        warmUp();
    }

    @AfterAll
    static void stopCluster() {
        try {
            nodes.forEach(PayaraMicro::close);
        } finally {
            if (simulator != null) {
                simulator.close();
            }
            writeReport();
        }
    }

    /**
     * A: alice's requests alternate between the nodes at 10 a second for 2 minutes while the application makes 20
     * Light calls a minute for her: every request is served, RingCentral never answers 429, the application is never
     * refused, and the two guards together make at most 25 calls in any 60 s (each alone would make 25: the budget is
     * shared).
     */
    @Test
    @Order(1)
    void a_steadyLoadAcrossBothNodes_staysWithinHalfOfTheBudget() {
        int fallbacksBefore = fallbacks();
        AtomicInteger appCalls = new AtomicInteger();
        AtomicInteger appRefused = new AtomicInteger();
        ScheduledExecutorService application = Executors.newSingleThreadScheduledExecutor();
        List<Sample> samples = new ArrayList<>();
        List<Answer> answers;
        application.scheduleAtFixedRate(
                () -> {
                    appCalls.incrementAndGet();
                    if (simulator.spend(ALICE, RateLimits.Group.LIGHT, 1) != 1) {
                        appRefused.incrementAndGet();
                    }
                },
                0,
                3,
                TimeUnit.SECONDS);
        try {
            answers = load(1200, i -> MESSAGES, samples);
        } finally {
            application.shutdownNow();
        }
        long inPenalty = samples.stream().filter(s -> s.inPenalty).count();
        int maxWindow = maxCallsInWindow(samples, Duration.ofSeconds(60));
        long guardCalls = samples.get(samples.size() - 1).checks - samples.get(0).checks;
        int maxSpent = samples.stream().mapToInt(s -> s.spent).max().orElse(0);
        note(
                "A: %d requests in %d s, statuses %s; guard's calls %d in all, at most %d in any 60 s window"
                        + " (sampled every 100 ms); RingCentral's count of alice's Light calls in its window at most %d"
                        + " of 50; samples in penalty %d; application's Light calls %d, refused %d;"
                        + " fallbacks to local state %d",
                answers.size(),
                seconds(answers.get(answers.size() - 1).sentAt - answers.get(0).sentAt),
                statuses(answers),
                guardCalls,
                maxWindow,
                maxSpent,
                inPenalty,
                appCalls.get(),
                appRefused.get(),
                fallbacks() - fallbacksBefore);

        assertThat(answers).as("every answer").allMatch(a -> a.status == 200);
        assertThat(answers.stream().filter(a -> a.node == 1).count()).isEqualTo(600);
        assertThat(inPenalty)
                .as("samples with alice in a RingCentral penalty (a 429)")
                .isZero();
        assertThat(appRefused.get()).as("the application's refused calls").isZero();
        assertThat(appCalls.get()).isGreaterThanOrEqualTo(40);
        assertThat(maxWindow).as("the guards' calls in any 60 s").isLessThanOrEqualTo(GUARD_SHARE);
        for (PayaraMicro node : nodes) {
            assertThat(node.process().nonLoopbackListeners()).isEmpty();
        }
    }

    /**
     * C: alice loses ReadMessages while her requests alternate between the nodes at 10 a second: from the
     * revocation plus the decision-age bound on, both nodes answer 403.
     */
    @Test
    @Order(2)
    void c_revocation_reachesBothNodesWithinTheDecisionAge() {
        int revokeAt = 50; // 5 s in
        long[] revokedAt = new long[1];
        List<Answer> answers = load(
                220,
                i -> {
                    if (i == revokeAt) {
                        simulator.user(ALICE).revoke("ReadMessages");
                        revokedAt[0] = System.nanoTime();
                    }
                    return MESSAGES;
                },
                new ArrayList<>());
        long t = revokedAt[0];
        StringBuilder delays = new StringBuilder();
        for (int node = 0; node < 2; node++) {
            int n = node;
            List<Answer> after =
                    answers.stream().filter(a -> a.node == n && a.sentAt >= t).toList();
            long last200 = after.stream()
                    .filter(a -> a.status == 200)
                    .mapToLong(a -> a.sentAt - t)
                    .max()
                    .orElse(-1);
            long first403 = after.stream()
                    .filter(a -> a.status == 403)
                    .mapToLong(a -> a.sentAt - t)
                    .min()
                    .orElse(-1);
            delays.append(String.format(
                    " node %d: last 200 sent %d ms after the revocation, first 403 %d ms after;",
                    n + 1, last200 < 0 ? -1 : last200 / 1_000_000, first403 < 0 ? -1 : first403 / 1_000_000));
        }
        note("C: statuses %s;%s", statuses(answers), delays);

        assertThat(answers.stream().filter(a -> a.sentAt < t))
                .as("before the revocation")
                .allMatch(a -> a.status == 200);
        assertThat(answers.stream().filter(a -> a.sentAt >= t + MAX_DECISION_AGE.toNanos()))
                .as("after the revocation + %s", MAX_DECISION_AGE)
                .isNotEmpty()
                .allMatch(a -> a.status == 403);

        simulator.user(ALICE).grant("ReadMessages");
        awaitBothServe(Duration.ofSeconds(30));
    }

    /**
     * B: RingCentral's 429 to a check from node 1 holds node 2 back: node 2's checks are refused (503, Retry-After)
     * without a call, and the penalty (which any call would restart) ends when RingCentral said.
     */
    @Test
    @Order(3)
    void b_a429SeenOnOneNode_holdsTheOtherBack() {
        exhaustAlicesLightBudget();
        long callLogChecks = checks("ReadCallLog");
        // node 1's first check of ReadCallLog is live (no decision to reuse); it may have to wait for a call of the
        // guard's share (503 BudgetSpent, no call) first
        Reply first = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (checks("ReadCallLog") == callLogChecks && System.nanoTime() < deadline) {
            first = Http.get(nodes.get(0).url(CALL_LOG), ALICE, REQUEST_TIMEOUT);
            if (checks("ReadCallLog") == callLogChecks) {
                assertThat(first.status()).as("%s", first).isEqualTo(503);
                Pause.of(Duration.ofMillis(500));
            }
        }
        assertThat(checks("ReadCallLog"))
                .as("node 1's check reached RingCentral")
                .isEqualTo(callLogChecks + 1);
        RateLimitUsage usage = simulator.rateLimitUsage(ALICE, RateLimits.Group.LIGHT);
        assertThat(usage.inPenalty()).as("RingCentral answered 429: %s", usage).isTrue();
        Instant penaltyEnd = usage.penaltyEnd();
        assertThat(first.status())
                .as("node 1 after RingCentral's 429: %s", first)
                .isEqualTo(503);
        assertThat(retryAfterSeconds(first)).isBetween(1L, 60L);

        long total = simulator.counters().total();
        List<Reply> fromNode2 = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            pauseUntil(start + i * 500_000_000L);
            fromNode2.add(Http.get(nodes.get(1).url(CALL_LOG), ALICE, REQUEST_TIMEOUT));
        }
        note(
                "B: node 1's check answered by RingCentral's 429 -> %d Retry-After %s; node 2 over %d s: %s, Retry-After"
                        + " %s..%s; calls reaching RingCentral meanwhile %d; penalty end %s, then %s",
                first.status(),
                first.header("Retry-After"),
                seconds(System.nanoTime() - start),
                fromNode2.stream().collect(Collectors.groupingBy(Reply::status, TreeMap::new, Collectors.counting())),
                fromNode2.get(0).header("Retry-After"),
                fromNode2.get(fromNode2.size() - 1).header("Retry-After"),
                simulator.counters().total() - total,
                penaltyEnd,
                simulator.rateLimitUsage(ALICE, RateLimits.Group.LIGHT).penaltyEnd());

        assertThat(fromNode2).allSatisfy(reply -> {
            assertThat(reply.status()).as("%s", reply).isEqualTo(503);
            assertThat(retryAfterSeconds(reply)).isBetween(1L, 60L);
        });
        assertThat(simulator.counters().total())
                .as("calls that reached RingCentral")
                .isEqualTo(total);
        assertThat(simulator.rateLimitUsage(ALICE, RateLimits.Group.LIGHT).penaltyEnd())
                .as("the penalty's end, never restarted")
                .isEqualTo(penaltyEnd);

        // D needs a user out of the penalty
        long wait = Duration.between(Instant.now(), penaltyEnd).toMillis() + 1_000;
        Pause.of(Duration.ofMillis(Math.max(0, Math.min(wait, 65_000))));
        assertThat(simulator.rateLimitUsage(ALICE, RateLimits.Group.LIGHT).inPenalty())
                .isFalse();
    }

    /**
     * D: node 2 is killed (SIGKILL) while alice's requests alternate between the nodes; later alice loses
     * ReadMessages. Node 1 answers every request as the rules say, never 200 once the revocation is older than the
     * decision-age bound, and goes on by itself without its data-grid partner.
     */
    @Test
    @Order(4)
    void d_oneNodeKilled_theOtherKeepsServingByTheRules() {
        awaitBothServe(Duration.ofSeconds(30));
        PayaraMicro node1 = nodes.get(0);
        PayaraMicro node2 = nodes.get(1);
        int fallbacksBefore = count(node1.process().consoleText(), FELL_BACK);
        int killAt = 50; // 5 s in
        int revokeAt = 150; // 15 s in
        long[] killedAt = new long[1];
        long[] revokedAt = new long[1];
        List<Answer> answers = load(
                300,
                i -> {
                    if (i == killAt) {
                        ProcessHandle.of(node2.process().pid()).ifPresent(ProcessHandle::destroyForcibly);
                        killedAt[0] = System.nanoTime();
                    }
                    if (i == revokeAt) {
                        simulator.user(ALICE).revoke("ReadMessages");
                        revokedAt[0] = System.nanoTime();
                    }
                    return MESSAGES;
                },
                new ArrayList<>());
        long kill = killedAt[0];
        long revoke = revokedAt[0];
        List<Answer> node1Answers = answers.stream().filter(a -> a.node == 0).toList();
        String console1 = node1.process().consoleText();
        note(
                "D: node 1 %s (before the kill %s, kill..revocation %s, after revocation + 10 s %s); node 2 %s;"
                        + " node 1 fell back to its own state %d times, back %d times; node 1's last data-grid view"
                        + " %d member(s)",
                statuses(node1Answers),
                statuses(node1Answers.stream().filter(a -> a.sentAt < kill).toList()),
                statuses(node1Answers.stream()
                        .filter(a -> a.sentAt >= kill && a.sentAt < revoke)
                        .toList()),
                statuses(node1Answers.stream()
                        .filter(a -> a.sentAt >= revoke + MAX_DECISION_AGE.toNanos())
                        .toList()),
                statuses(answers.stream().filter(a -> a.node == 1).toList()),
                count(console1, FELL_BACK) - fallbacksBefore,
                count(console1, BACK),
                lastMembers(console1));

        assertThat(node2.process().isAlive()).isFalse();
        assertThat(node1Answers)
                .as("node 1 answers every request")
                .allMatch(a -> a.status == 200 || a.status == 403 || (a.status == 503 && a.retryAfter != null));
        assertThat(node1Answers.stream().filter(a -> a.sentAt < revoke))
                .as("node 1 before the revocation (a grant, kept or asked)")
                .noneMatch(a -> a.status == 403);
        assertThat(node1Answers.stream().filter(a -> a.sentAt >= revoke + MAX_DECISION_AGE.toNanos()))
                .as("node 1 after the revocation + %s: wrongly allowed", MAX_DECISION_AGE)
                .isNotEmpty()
                .noneMatch(a -> a.status == 200);
        assertThat(node1Answers.stream()
                        .filter(a -> a.sentAt >= kill + Duration.ofSeconds(5).toNanos() && a.sentAt < revoke))
                .as("node 1 serves alone, 5 s after the kill until the revocation")
                .isNotEmpty()
                .allMatch(a -> a.status == 200);
        assertThat(lastMembers(console1))
                .as("node 1's data grid after the kill")
                .isEqualTo(1);
        assertThat(node1.process().nonLoopbackListeners()).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** One request: when it was sent, to which node (0 or 1), and what came back ({@code -1}: no connection). */
    record Answer(long sentAt, int node, int status, String retryAfter) {}

    /** The simulator as one tick saw it. */
    record Sample(long at, long checks, boolean inPenalty, int spent) {}

    /**
     * {@code count} requests by alice, 10 a second on an absolute schedule, alternating node 1, node 2; {@code path}
     * gives each one's path (and may act first: revoke, kill). Every tick samples the simulator first.
     */
    static List<Answer> load(int count, IntFunction<String> path, List<Sample> samples) {
        List<Answer> answers = new ArrayList<>(count);
        long start = System.nanoTime();
        long deadline = start + count * 100_000_000L + Duration.ofSeconds(60).toNanos();
        for (int i = 0; i < count; i++) {
            pauseUntil(start + i * 100_000_000L);
            assertThat(System.nanoTime()).as("the load is more than 60 s late").isLessThan(deadline);
            RateLimitUsage usage = simulator.rateLimitUsage(ALICE, RateLimits.Group.LIGHT);
            samples.add(new Sample(System.nanoTime(), checks("ReadMessages"), usage.inPenalty(), usage.spent()));
            int node = i % 2;
            String url = nodes.get(node).url(path.apply(i));
            long sentAt = System.nanoTime();
            try {
                Reply reply = Http.get(url, ALICE, REQUEST_TIMEOUT);
                answers.add(new Answer(sentAt, node, reply.status(), reply.header("Retry-After")));
            } catch (IllegalStateException noConnection) {
                answers.add(new Answer(sentAt, node, -1, null));
            }
        }
        return answers;
    }

    /**
     * The most checks of ReadMessages RingCentral received in any interval between two samples at most
     * {@code window} apart.
     */
    static int maxCallsInWindow(List<Sample> samples, Duration window) {
        int max = 0;
        int j = 0;
        for (int i = 0; i < samples.size(); i++) {
            while (j + 1 < samples.size() && samples.get(j + 1).at - samples.get(i).at <= window.toNanos()) {
                j++;
            }
            max = Math.max(max, (int) (samples.get(j).checks - samples.get(i).checks));
        }
        return max;
    }

    /** Checks of {@code permission} by alice that reached RingCentral. */
    static long checks(String permission) {
        return simulator.counters().calls(Endpoint.PERMISSION_CHECK, ALICE, permission);
    }

    /** The application spends what is left of alice's Light window: the next call is a 429. */
    static void exhaustAlicesLightBudget() {
        RateLimitUsage usage = simulator.rateLimitUsage(ALICE, RateLimits.Group.LIGHT);
        if (usage.windowEnd() != null
                && Duration.between(Instant.now(), usage.windowEnd()).toSeconds() < 20) {
            // the window would end before node 1's check: spend the next one instead
            Pause.of(Duration.between(Instant.now(), usage.windowEnd()).plusMillis(200));
        }
        usage = simulator.rateLimitUsage(ALICE, RateLimits.Group.LIGHT);
        assertThat(usage.inPenalty()).isFalse();
        int left = usage.remaining();
        assertThat(simulator.spend(ALICE, RateLimits.Group.LIGHT, left)).isEqualTo(left);
        usage = simulator.rateLimitUsage(ALICE, RateLimits.Group.LIGHT);
        assertThat(usage.remaining()).as("%s", usage).isZero();
        assertThat(usage.inPenalty()).isFalse();
        note("B: the application spent the %d Light calls left of alice's window (%s)", left, usage);
    }

    /** Both nodes serve alice's ReadMessages (200), within {@code timeout}. */
    static void awaitBothServe(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (PayaraMicro node : nodes) {
            while (true) {
                Reply reply = Http.get(node.url(MESSAGES), ALICE, REQUEST_TIMEOUT);
                if (reply.status() == 200) {
                    break;
                }
                assertThat(System.nanoTime())
                        .as("%s still answers %s", node.process(), reply)
                        .isLessThan(deadline);
                Pause.of(Duration.ofSeconds(1));
            }
        }
    }

    /**
     * The first operations of a new data grid may take longer than the guard waits on the cache (500 ms), after which
     * a node keeps to its own state for 5 s: each node answers once, and then that pause passes.
     */
    static void warmUp() {
        awaitBothServe(Duration.ofSeconds(60));
        Pause.of(Duration.ofSeconds(6));
        note(
                "warm-up: fallbacks to local state so far %d; guard's calls so far %d",
                fallbacks(), checks("ReadMessages"));
    }

    static int fallbacks() {
        return nodes.stream()
                .mapToInt(node -> count(node.process().consoleText(), FELL_BACK))
                .sum();
    }

    static int count(String text, String what) {
        int count = 0;
        for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + 1)) {
            count++;
        }
        return count;
    }

    /** The size of the last cluster view Hazelcast logged, or 0. */
    static int lastMembers(String console) {
        Matcher matcher = MEMBERS.matcher(console);
        int size = 0;
        while (matcher.find()) {
            size = Integer.parseInt(matcher.group(1));
        }
        return size;
    }

    static void awaitConsole(
            PayaraMicro node, Duration timeout, java.util.function.Predicate<String> condition, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.test(node.process().consoleText())) {
            assertThat(System.nanoTime())
                    .as(
                            "%s's log does not show %s:%n%s",
                            node.process(), what, node.process().consoleTail(40))
                    .isLessThan(deadline);
            Pause.of(Duration.ofMillis(500));
        }
    }

    static List<String> libraries(WebArchive war) {
        return war.getContent().keySet().stream()
                .map(ArchivePath::get)
                .filter(path -> path.startsWith("/WEB-INF/lib/"))
                .map(path -> path.substring("/WEB-INF/lib/".length()))
                .toList();
    }

    static long retryAfterSeconds(Reply reply) {
        String value = reply.header("Retry-After");
        assertThat(value).as("Retry-After of %s", reply).isNotNull();
        return Long.parseLong(value);
    }

    static Map<Integer, Long> statuses(List<Answer> answers) {
        return answers.stream().collect(Collectors.groupingBy(Answer::status, TreeMap::new, Collectors.counting()));
    }

    static void pauseUntil(long nanoTime) {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            Pause.of(Duration.ofNanos(wait));
        }
    }

    static long seconds(long nanos) {
        return TimeUnit.NANOSECONDS.toSeconds(nanos);
    }

    static void note(String format, Object... args) {
        String line = String.format(format, args);
        System.out.println("[PayaraClusterTest] " + line);
        synchronized (report) {
            report.append(line).append('\n');
        }
    }

    static void writeReport() {
        try {
            Files.writeString(
                    Settings.runsDirectory().resolve("payara-cluster-report.txt"),
                    report,
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException | RuntimeException e) {
            System.out.println("[PayaraClusterTest] report not written: " + e);
        }
    }
}
