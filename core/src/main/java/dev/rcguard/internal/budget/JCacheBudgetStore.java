package dev.rcguard.internal.budget;

import dev.rcguard.ConfigurationException;
import dev.rcguard.Decision;
import dev.rcguard.Decision.Kind;
import dev.rcguard.Decision.Outcome;
import dev.rcguard.Reason;
import dev.rcguard.spi.GuardConfig;
import dev.rcguard.spi.RingCentralClient.RateLimit;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.Duration;
import javax.cache.expiry.ModifiedExpiryPolicy;
import javax.cache.spi.CachingProvider;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The {@link BudgetStore} of a cluster: three caches of the cluster's JCache ({@code rcguard-users},
 * {@code rcguard-budgets}, {@code rcguard-decisions}), shared by every node of the application.
 *
 * <p>Keys are SHA-256 hashes; values are plain strings of ids, outcomes, times and counts, so that no node needs
 * this library's classes to hold them and nothing else (no token) ever enters the cache. A budget changes by
 * compare-and-set ({@code replace(key, old, new)}, {@code putIfAbsent}): two nodes never both spend its last call. A
 * change that loses the race {@value #ATTEMPTS} times in a row is given up, and the call is not made (fail closed).
 * Every entry expires some time after its last change (its window, a penalty, the decision-age bound all end
 * sooner); {@link InMemoryBudgetStore}'s rules otherwise.
 */
public final class JCacheBudgetStore implements BudgetStore, AutoCloseable {

    static final int ATTEMPTS = 16;

    private final Policy policy;
    private final CacheManager manager;
    private final boolean ownsManager;
    private final Cache<String, String> users;
    private final Cache<String, String> budgets;
    private final Cache<String, String> decisions;

    /** The store in {@code manager}'s caches; closing the store closes the manager if it {@code ownsManager}. */
    public JCacheBudgetStore(CacheManager manager, Policy policy, boolean ownsManager) {
        this.policy = policy;
        this.manager = manager;
        this.ownsManager = ownsManager;
        this.users = cache(manager, "rcguard-users", RateLimitEconomy.USER_MEMORY_MILLIS + 60_000);
        this.budgets = cache(manager, "rcguard-budgets", 600_000);
        this.decisions = cache(manager, "rcguard-decisions", Math.max(1_000, policy.maxDecisionAgeMillis()));
    }

    /** How long opening the cache manager may take before start-up fails (a provider may wait for a cluster). */
    static final java.time.Duration OPENING = java.time.Duration.ofSeconds(60);

    /** Where Payara binds the cache manager of its own cluster (Payara's JCache is not what {@code Caching} finds). */
    static final String PAYARA_CACHE_MANAGER = "payara/CacheManager";

    /**
     * The store in the cluster's JCache: Payara's own cache manager when the application runs on Payara and names no
     * provider or configuration; else the provider {@code Caching} finds (or {@code providerClass}), opened with its
     * own default class loader, so that every node names the caches alike (Hazelcast scopes cache names by any other
     * class loader).
     *
     * @param providerClass the provider's class name, or {@code null}: the application's one
     * @param uri a configuration of the application's own to open (for Hazelcast, a {@code classpath:} or
     *     {@code file:} URI of a member configuration), which the store closes when the guard closes; or {@code null}:
     *     the provider's default, which belongs to the server and is left open
     * @throws ConfigurationException when there is no such provider, or it cannot be opened within {@link #OPENING}
     */
    public static BudgetStore open(String providerClass, URI uri, Policy policy) {
        if (providerClass == null && uri == null) {
            CacheManager payara = lookUp(PAYARA_CACHE_MANAGER);
            if (payara != null) {
                return new JCacheBudgetStore(payara, policy, false);
            }
        }
        ClassLoader application = Thread.currentThread().getContextClassLoader();
        CompletableFuture<CacheManager> opening = new CompletableFuture<>();
        Thread opener = new Thread(
                () -> {
                    try {
                        CachingProvider provider = providerClass == null
                                ? Caching.getCachingProvider(application)
                                : Caching.getCachingProvider(providerClass, application);
                        ClassLoader loader = provider.getDefaultClassLoader();
                        opening.complete(
                                uri == null
                                        ? provider.getCacheManager(provider.getDefaultURI(), loader)
                                        : provider.getCacheManager(uri, loader, configuredBy(uri)));
                    } catch (Throwable failed) {
                        opening.completeExceptionally(failed);
                    }
                },
                "rcguard-store-opening");
        opener.setContextClassLoader(application);
        opener.setDaemon(true);
        opener.start();
        try {
            return new JCacheBudgetStore(opening.get(OPENING.toSeconds(), TimeUnit.SECONDS), policy, uri != null);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw cannotOpen("interrupted");
        } catch (TimeoutException slow) {
            opener.interrupt();
            throw cannotOpen("no cache manager within " + OPENING.toSeconds() + " s: is the cluster reachable?");
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause();
            throw cannotOpen(cause + (cause.getCause() == null ? "" : ": " + cause.getCause()));
        }
    }

    private static ConfigurationException cannotOpen(String why) {
        return new ConfigurationException(
                GuardConfig.RATE_LIMIT_STORE,
                "is jcache, but the JCache provider could not be opened (" + why + "); run on Payara, or add"
                        + " javax.cache:cache-api and com.hazelcast:hazelcast and set " + GuardConfig.JCACHE_PROVIDER
                        + " and " + GuardConfig.JCACHE_URI);
    }

    /** The cache manager bound to {@code name} in JNDI, or {@code null} where there is none (or no JNDI at all). */
    private static CacheManager lookUp(String name) {
        try {
            return new InitialContext().lookup(name) instanceof CacheManager manager ? manager : null;
        } catch (NamingException | RuntimeException | LinkageError none) {
            return null;
        }
    }

    /**
     * The provider's properties for a configuration of the application's own: Hazelcast reads its member
     * configuration from {@code hazelcast.config.location}, and then stops that member when the manager closes.
     */
    private static Properties configuredBy(URI uri) {
        Properties properties = new Properties();
        properties.setProperty("hazelcast.config.location", uri.toString());
        return properties;
    }

    /** When the store opened its own configuration, closes it (and with it, Hazelcast's member): nothing outlives a redeploy. */
    @Override
    public void close() {
        if (ownsManager) {
            manager.close();
        }
    }

    private static Cache<String, String> cache(CacheManager manager, String name, long idleMillis) {
        Cache<String, String> existing = manager.getCache(name, String.class, String.class);
        if (existing != null) {
            return existing;
        }
        MutableConfiguration<String, String> configuration = new MutableConfiguration<String, String>()
                .setTypes(String.class, String.class)
                .setStoreByValue(true)
                .setExpiryPolicyFactory(
                        ModifiedExpiryPolicy.factoryOf(new Duration(TimeUnit.MILLISECONDS, idleMillis)));
        try {
            return manager.createCache(name, configuration);
        } catch (CacheException createdByAnotherNode) {
            return manager.getCache(name, String.class, String.class);
        }
    }

    @Override
    public TokenUser userOf(String tokenHash, long now) {
        String kept = users.get(hash(tokenHash));
        if (kept == null) {
            return null;
        }
        int bar = kept.indexOf('|');
        try {
            long until = bar < 0 ? 0 : Long.parseLong(kept.substring(bar + 1));
            return until <= now ? null : new TokenUser(kept.substring(0, bar), until);
        } catch (NumberFormatException unreadable) {
            return null;
        }
    }

    @Override
    public void learn(String tokenHash, String user, long now, long until) {
        users.put(hash(tokenHash), user + '|' + until);
    }

    @Override
    public void forget(String tokenHash) {
        users.remove(hash(tokenHash));
    }

    @Override
    public Budget.Admission admit(String budgetKey, String group, long now, boolean reusable) {
        Budget.Admission[] admission = new Budget.Admission[1];
        boolean changed = change(budgetKey, group, now, budget -> {
            admission[0] = budget.admit(now, policy, reusable);
            return admission[0].budget();
        });
        return changed ? admission[0] : new Budget.Admission(false, 1_000, admission[0].budget());
    }

    @Override
    public void charge(String budgetKey, String group, long now) {
        change(budgetKey, group, now, budget -> budget.charged(now, policy));
    }

    @Override
    public void refund(String budgetKey, String group, long now) {
        change(budgetKey, group, now, budget -> budget.refunded(now, policy));
    }

    @Override
    public void observe(String budgetKey, RateLimit seen, long now) {
        change(budgetKey, seen.group(), now, budget -> budget.observed(seen, now, policy));
    }

    @Override
    public void penalize(String budgetKey, String group, long retryAfterMillis, long now) {
        change(budgetKey, group, now, budget -> budget.penalized(retryAfterMillis, now, policy));
    }

    @Override
    public Budget budget(String budgetKey) {
        String kept = budgets.get(hash(budgetKey));
        return kept == null ? null : BudgetText.budget(kept);
    }

    /** Compare-and-set, a bounded number of times; {@code false}: given up. */
    private boolean change(String budgetKey, String group, long now, Function<Budget, Budget> change) {
        String key = hash(budgetKey);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            String old = budgets.get(key);
            Budget current = old == null ? Budget.fresh(group, now, policy) : BudgetText.budget(old);
            if (current == null) { // unreadable: as if spent, so that nothing is sent on its account
                current = Budget.fresh(group, now, policy).spentOut(now);
            }
            String next = BudgetText.text(change.apply(current));
            if (old == null ? budgets.putIfAbsent(key, next) : budgets.replace(key, old, next)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Remembered latest(String decisionKey, long now) {
        String kept = decisions.get(hash(decisionKey));
        return kept == null ? null : BudgetText.remembered(kept);
    }

    @Override
    public void remember(String decisionKey, Remembered decision, long until) {
        String key = hash(decisionKey);
        String next = BudgetText.text(decision);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            String old = decisions.get(key);
            if (old == null
                    ? decisions.putIfAbsent(key, next)
                    : isOlder(old, decision) && decisions.replace(key, old, next)) {
                return;
            }
            if (old != null && !isOlder(old, decision)) {
                return; // a newer decision is kept already
            }
        }
    }

    private static boolean isOlder(String kept, Remembered than) {
        Remembered old = BudgetText.remembered(kept);
        return old == null || old.decidedAt() < than.decidedAt();
    }

    /** Clears the three caches: on every node of the cluster. */
    @Override
    public void clear() {
        users.clear();
        budgets.clear();
        decisions.clear();
    }

    @Override
    public int size() {
        int entries = 0;
        for (Cache<String, String> cache : List.of(users, budgets, decisions)) {
            for (Cache.Entry<String, String> ignored : cache) {
                entries++;
            }
        }
        return entries;
    }

    private static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** Budgets and decisions as the plain text the cache holds, read back strictly ({@code null}: unreadable). */
    static final class BudgetText {

        private BudgetText() {}

        static String text(Budget b) {
            return b.limit() + ";" + b.windowMillis() + ";" + b.tokens() + ";" + b.refilledAt() + ";" + b.remaining()
                    + ";" + b.remainingAt() + ";" + b.penaltyUntil();
        }

        static Budget budget(String text) {
            String[] f = text.split(";", -1);
            if (f.length != 7) {
                return null;
            }
            try {
                return new Budget(
                        Integer.parseInt(f[0]),
                        Long.parseLong(f[1]),
                        Double.parseDouble(f[2]),
                        Long.parseLong(f[3]),
                        Integer.parseInt(f[4]),
                        Long.parseLong(f[5]),
                        Long.parseLong(f[6]));
            } catch (IllegalArgumentException unreadable) {
                return null;
            }
        }

        /** Fields on lines of their own: RingCentral's text reaches a decision cleaned of control characters. */
        static String text(Remembered r) {
            Decision d = r.decision();
            Reason reason = d.reason();
            return r.decidedAt() + "\n" + d.outcome() + "\n" + (d.kind() == null ? "" : d.kind()) + "\n"
                    + (d.id() == null ? "" : d.id()) + "\n" + (reason == null ? "" : reason.code()) + "\n"
                    + (reason == null ? "" : reason.message()) + "\n"
                    + (reason == null || reason.permission() == null ? "" : reason.permission());
        }

        static Remembered remembered(String text) {
            String[] f = text.split("\n", -1);
            if (f.length != 7) {
                return null;
            }
            try {
                long decidedAt = Long.parseLong(f[0]);
                Outcome outcome = Outcome.valueOf(f[1]);
                if (outcome == Outcome.GRANTED) {
                    return new Remembered(Decision.granted(), decidedAt);
                }
                if (outcome != Outcome.DENIED) {
                    return null; // only grants and denials are ever kept
                }
                Reason reason = new Reason(f[4], f[5], f[6].isEmpty() ? null : f[6]);
                return new Remembered(Decision.denied(Kind.valueOf(f[2]), f[3], reason), decidedAt);
            } catch (IllegalArgumentException | NullPointerException unreadable) {
                return null;
            }
        }
    }
}
