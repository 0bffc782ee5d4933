package dev.rcguard.spi;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.cache.impl.HazelcastServerCachingProvider;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.rcguard.Decision;
import dev.rcguard.Decision.Outcome;
import dev.rcguard.Logical;
import dev.rcguard.internal.budget.BudgetStore;
import dev.rcguard.internal.budget.FallbackBudgetStore;
import dev.rcguard.internal.budget.InMemoryBudgetStore;
import dev.rcguard.internal.budget.JCacheBudgetStore;
import dev.rcguard.internal.budget.Policy;
import dev.rcguard.internal.client.HttpRingCentralClient;
import dev.rcguard.simulator.Endpoint;
import dev.rcguard.simulator.RateLimits;
import dev.rcguard.simulator.RingCentralSimulator;
import dev.rcguard.spi.RateLimitEconomyTest.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.cache.CacheManager;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryUpdatedListener;
import javax.cache.spi.CachingProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes of one application, each with its own guard and its own Hazelcast member (on 127.0.0.1 only), spend one
 * user's budget through the cluster's JCache. The guards and the simulator share one clock the test moves.
 */
class ClusteredEconomyTest {

    static final String ALICE = "alice-token";
    static final Requirement MESSAGES = Requirement.permissions(Logical.ALL, "ReadMessages");

    final TestClock clock = new TestClock();
    final List<HazelcastInstance> members = new ArrayList<>();
    final List<CacheManager> managers = new ArrayList<>();
    RingCentralSimulator ringCentral;
    PermissionGuard node1;
    PermissionGuard node2;
    FallbackBudgetStore store1;

    @BeforeEach
    void start() {
        ringCentral = RingCentralSimulator.builder()
                .rateLimits(RateLimits.ringCentralDefaults())
                .clock(clock)
                .user(u -> u.token(ALICE)
                        .accountId("400100")
                        .extensionId("400101")
                        .grant("ReadMessages")
                        .grant("ReadCallLog"))
                .start();
        String cluster = "rcguard-test-" + UUID.randomUUID();
        store1 = store(member(cluster));
        node1 = node(store1);
        node2 = node(store(member(cluster)));
        assertThat(members.get(0).getCluster().getMembers()).hasSize(2);
        warmUp();
    }

    /** A new cluster assigns its partitions on the first operations, slower than the store waits: done here. */
    void warmUp() {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (CacheManager manager : managers) {
            for (String cache : List.of("rcguard-users", "rcguard-budgets", "rcguard-decisions")) {
                manager.getCache(cache, String.class, String.class).get("warm-up");
            }
        }
        while (!members.get(0).getPartitionService().isClusterSafe() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(members.get(0).getPartitionService().isClusterSafe()).isTrue();
    }

    @AfterEach
    void stop() {
        for (PermissionGuard node : new PermissionGuard[] {node1, node2}) {
            if (node != null) {
                node.close();
            }
        }
        managers.forEach(CacheManager::close);
        members.forEach(member -> member.getLifecycleService().terminate());
        ringCentral.close();
    }

    /** A member that binds and looks for the others on 127.0.0.1 only. */
    HazelcastInstance member(String cluster) {
        Config config = new Config().setClusterName(cluster);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.logging.type", "jdk");
        NetworkConfig network = config.getNetworkConfig()
                .setPort(15701)
                .setPortAutoIncrement(true)
                .setPortCount(50);
        network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).addMember("127.0.0.1"); // ports 15701 and up
        HazelcastInstance member = Hazelcast.newHazelcastInstance(config);
        members.add(member);
        return member;
    }

    FallbackBudgetStore store(HazelcastInstance member) {
        // a provider of the node's own, as each node of a real cluster has; the same URI, so the same caches
        CachingProvider provider = new HazelcastServerCachingProvider(member);
        CacheManager manager =
                provider.getCacheManager(provider.getDefaultURI(), getClass().getClassLoader());
        managers.add(manager);
        Policy policy = new Policy(0.5, 10_000);
        return new FallbackBudgetStore(
                new JCacheBudgetStore(manager, policy, false),
                new InMemoryBudgetStore(FallbackBudgetStore.stricter(policy)),
                "Hazelcast",
                System::nanoTime);
    }

    PermissionGuard node(BudgetStore store) {
        GuardConfig config = GuardConfig.load(name -> null).withServerUrl(ringCentral.baseUri());
        return new PermissionGuard(new HttpRingCentralClient(config), config, store, clock::millis);
    }

    static Decision check(PermissionGuard node, Requirement requirement) {
        return node.check(Caller.of(ALICE), requirement, null, RequestMemo.create());
    }

    long calls() {
        return ringCentral.counters().calls(Endpoint.PERMISSION_CHECK);
    }

    @Test
    void requestsAlternatedBetweenTwoNodes_spendOneShare_andTheApplicationNeverMeetsA429() {
        Deque<Long> live = new ArrayDeque<>();
        int mostInOneMinute = 0;
        int refusedForTheApplication = 0;
        for (int request = 0; request < 1_200; request++) { // 10 a second for 2 minutes, every other one on node 2
            long before = calls();
            Decision decision = check(request % 2 == 0 ? node1 : node2, MESSAGES);
            assertThat(decision.isGranted())
                    .as("request %d: %s", request, decision)
                    .isTrue();
            if (calls() > before) {
                live.addLast(clock.millis());
                while (live.peekFirst() <= clock.millis() - 60_000) {
                    live.removeFirst();
                }
                mostInOneMinute = Math.max(mostInOneMinute, live.size());
            }
            if (request % 30 == 0) { // the application's own Light calls: 20 a minute
                refusedForTheApplication += 1 - ringCentral.spend(ALICE, RateLimits.Group.LIGHT, 1);
            }
            clock.advance(100);
        }

        assertThat(mostInOneMinute)
                .as("the guard's calls, both nodes, in any minute")
                .isLessThanOrEqualTo(25);
        assertThat(refusedForTheApplication).isZero();
        assertThat(node1.economy().rateLimitedAnswers() + node2.economy().rateLimitedAnswers())
                .isZero();
        assertThat(store1.usingLocalState()).isFalse();
    }

    @Test
    void twoNodesNeverBothSpendTheLastCallOfABudget() throws Exception {
        assertThat(check(node1, MESSAGES).isGranted()).isTrue(); // alice is known: 4 calls of her burst are left
        ExecutorService requests = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Decision>> decisions = new ArrayList<>();
        try {
            for (int i = 0; i < 32; i++) { // 32 checks, each of an id nobody has a decision for
                PermissionGuard node = i % 2 == 0 ? node1 : node2;
                Requirement id = Requirement.permissions(Logical.ALL, "Permission" + i);
                Callable<Decision> request = () -> {
                    go.await();
                    return check(node, id);
                };
                decisions.add(requests.submit(request));
            }
            go.countDown();
            int refused = 0;
            for (Future<Decision> decision : decisions) {
                Decision d = decision.get();
                assertThat(d.isGranted()).isFalse(); // alice has none of these permissions
                refused += d.reason().code().equals("BudgetSpent") ? 1 : 0;
            }
            assertThat(calls()).isEqualTo(5);
            assertThat(refused).isEqualTo(28);
        } finally {
            requests.shutdownNow();
        }
    }

    @Test
    void a429SeenByOneNode_holdsTheOtherBackUntilRetryAfter() {
        assertThat(ringCentral.spend(ALICE, RateLimits.Group.LIGHT, 50)).isEqualTo(50);
        assertThat(check(node1, MESSAGES).isRateLimited()).isTrue(); // the first call learns it the hard way
        Instant penaltyEnds = ringCentral
                .rateLimitUsage(ALICE, RateLimits.Group.LIGHT)
                .penaltyEnds()
                .orElseThrow();
        long sent = calls();

        for (int second = 1; second < 60; second++) {
            clock.advance(1_000);
            Decision held = check(node2, Requirement.permissions(Logical.ALL, "ReadCallLog"));
            assertThat(held.reason().code()).isEqualTo("CMN-301");
            assertThat(held.retryAfter()).isEqualTo(Duration.ofSeconds(60 - second));
        }
        assertThat(calls()).isEqualTo(sent);
        assertThat(ringCentral.rateLimitUsage(ALICE, RateLimits.Group.LIGHT).penaltyEnds())
                .contains(penaltyEnds);

        clock.advance(1_000);
        assertThat(check(node2, MESSAGES).isGranted()).isTrue();
    }

    @Test
    void aRevocationTakesEffectOnBothNodesWithinTheBound() {
        for (int request = 0; request < 100; request++) { // 10 a second: both nodes reuse a recent decision
            assertThat(check(request % 2 == 0 ? node1 : node2, MESSAGES).isGranted())
                    .isTrue();
            clock.advance(100);
        }
        ringCentral.user(ALICE).revoke("ReadMessages");
        long revoked = clock.millis();

        for (int request = 0; request < 200; request++) {
            Decision decision = check(request % 2 == 0 ? node1 : node2, MESSAGES);
            if (clock.millis() > revoked + 10_000) {
                assertThat(decision.isGranted())
                        .as("%d ms after the revocation", clock.millis() - revoked)
                        .isFalse();
            }
            clock.advance(100);
        }
    }

    @Test
    void whenTheCacheIsGone_aNodeKeepsToItsOwnStricterState_andNothingFailsOpen() {
        assertThat(check(node1, MESSAGES).isGranted()).isTrue();
        members.get(0).getLifecycleService().terminate(); // node 1's member dies; node 2's keeps the state

        long start = System.nanoTime();
        Decision afterward = check(node1, MESSAGES);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).isLessThan(node1.config().checkDeadline());
        assertThat(store1.usingLocalState()).isTrue();
        assertThat(afterward.outcome()).isIn(Outcome.GRANTED, Outcome.UNAVAILABLE); // live, or refused: never assumed
        for (int request = 0; request < 50; request++) { // a quarter of the share: 12 calls a minute, 1 at once
            check(node1, Requirement.permissions(Logical.ALL, "ReadCallLog"));
        }
        assertThat(ringCentral.counters().calls(ALICE, "ReadCallLog")).isLessThanOrEqualTo(1);
        ringCentral.user(ALICE).revoke("ReadMessages");
        clock.advance(10_001);
        for (int request = 0; request < 20; request++) {
            assertThat(check(node1, MESSAGES).isGranted()).isFalse();
            assertThat(check(node2, MESSAGES).isGranted())
                    .as("node 2, whose member lives")
                    .isFalse();
            clock.advance(500);
        }
    }

    /** Makes the cache slow: every change to a budget waits, inside the cache, until the test lets it go. */
    static final class Stall
            implements CacheEntryCreatedListener<String, String>,
                    CacheEntryUpdatedListener<String, String>,
                    java.io.Serializable {
        static final CountDownLatch RELEASE = new CountDownLatch(1);

        @Override
        public void onCreated(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
            stall();
        }

        @Override
        public void onUpdated(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
            stall();
        }

        private static void stall() {
            try {
                RELEASE.await(20, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void whenTheCacheStopsAnswering_aCheckStillEndsWithinItsDeadline_onThisNodesStricterState_untilItAnswersAgain()
            throws InterruptedException {
        assertThat(check(node1, MESSAGES).isGranted()).isTrue();
        managers.get(0)
                .getCache("rcguard-budgets", String.class, String.class)
                .registerCacheEntryListener(new MutableCacheEntryListenerConfiguration<>(
                        FactoryBuilder.factoryOf(new Stall()), null, false, true)); // synchronous: the change waits
        try {
            long start = System.nanoTime();
            Decision stalled = check(node1, Requirement.permissions(Logical.ALL, "ReadCallLog"));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(took).isLessThan(node1.config().checkDeadline());
            assertThat(store1.usingLocalState()).isTrue();
            assertThat(stalled.isGranted()).isTrue(); // a live call, afforded by this node's own stricter share
            for (int request = 0; request < 20; request++) { // that share is 12 calls a minute, one at a time
                assertThat(check(node1, Requirement.permissions(Logical.ALL, "UserManagement"))
                                .isGranted())
                        .isFalse();
            }
            assertThat(ringCentral.counters().calls(ALICE, "UserManagement")).isLessThanOrEqualTo(1);
        } finally {
            Stall.RELEASE.countDown();
        }
        // The cache answers again: the node goes back to it by itself (it tries again 5 s after it fell back).
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (store1.usingLocalState() && System.nanoTime() < deadline) {
            check(node1, MESSAGES);
            Thread.sleep(250);
        }
        assertThat(store1.usingLocalState()).isFalse();
    }
}
