package dev.rcguard.spi;

import dev.rcguard.ConfigurationException;
import dev.rcguard.internal.config.ConfigLookup;
import dev.rcguard.internal.token.TokenSources;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The guard's configuration, validated once at start-up. Every name is read from, in order: the adapter's own
 * settings (servlet filter init-params), MicroProfile Config when present, system properties, then environment
 * variables ({@code rcguard.server-url} → {@code RCGUARD_SERVER_URL}).
 *
 * <table>
 *   <caption>Configuration names</caption>
 *   <tr><th>name</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code rcguard.server-url}</td><td>{@code https://platform.ringcentral.com}</td>
 *       <td>RingCentral's base URL; https unless the host is loopback</td></tr>
 *   <tr><td>{@code rcguard.connect-timeout-ms}</td><td>2000</td><td>TCP connect timeout</td></tr>
 *   <tr><td>{@code rcguard.read-timeout-ms}</td><td>5000</td><td>time to wait for an answer</td></tr>
 *   <tr><td>{@code rcguard.mode}</td><td>{@code enforce}</td>
 *       <td>{@code enforce}, or {@code report-only}: decide and log but let the request through</td></tr>
 *   <tr><td>{@code rcguard.coalesce-in-flight}</td><td>{@code true}</td>
 *       <td>identical concurrent checks share one upstream call</td></tr>
 *   <tr><td>{@code rcguard.max-concurrent-calls}</td><td>256</td>
 *       <td>upstream calls in flight at once; beyond that a check fails closed at once</td></tr>
 *   <tr><td>{@code rcguard.rate-limit-share}</td><td>0.5</td>
 *       <td>the share of each user's RingCentral budget per group the guard may spend; the rest is the
 *       application's</td></tr>
 *   <tr><td>{@code rcguard.max-decision-age-ms}</td><td>10000</td>
 *       <td>the oldest decision the guard may reuse when its share cannot afford a live call ({@code 0}: strict,
 *       never: a 503 instead); at most 60000</td></tr>
 *   <tr><td>{@code rcguard.rate-limit-store}</td><td>{@code memory}</td>
 *       <td>where the rate-limit state lives: {@code memory} (this node), or {@code jcache} (the cluster's JCache,
 *       shared by every node)</td></tr>
 *   <tr><td>{@code rcguard.jcache-uri}</td><td>none</td>
 *       <td>with {@code jcache}: the provider configuration to open (Hazelcast: {@code classpath:} or {@code file:}
 *       URI of a member configuration); none: the provider's default (on Payara, Payara's own cluster)</td></tr>
 *   <tr><td>{@code rcguard.jcache-provider}</td><td>none</td>
 *       <td>with {@code jcache}: the JCache provider's class when the application has several (Hazelcast's member:
 *       {@code com.hazelcast.cache.HazelcastMemberCachingProvider}); none: the default one</td></tr>
 *   <tr><td>{@code rcguard.token-source}</td><td>{@code header}</td>
 *       <td>where the caller's access token is: {@code header}, {@code session-attribute:NAME},
 *       {@code request-attribute:NAME} or {@code class:CLASS} ({@link dev.rcguard.TokenSource})</td></tr>
 *   <tr><td>{@code rcguard.client-id}, {@code rcguard.client-secret}</td><td>none</td>
 *       <td>the app's RingCentral OAuth credentials, set together: with them a session's token is refreshed on
 *       expiry ({@link dev.rcguard.TokenSource#refresh}); the secret is never shown</td></tr>
 * </table>
 *
 * <pre>{@code
 * GuardConfig config = GuardConfig.load(name -> null); // no adapter-level settings
 * }</pre>
 *
 * @param serverUrl {@code rcguard.server-url}
 * @param connectTimeout {@code rcguard.connect-timeout-ms}
 * @param readTimeout {@code rcguard.read-timeout-ms}
 * @param mode {@code rcguard.mode}
 * @param coalesceInFlight {@code rcguard.coalesce-in-flight}
 * @param maxConcurrentCalls {@code rcguard.max-concurrent-calls}
 * @param rateLimitShare {@code rcguard.rate-limit-share}
 * @param maxDecisionAge {@code rcguard.max-decision-age-ms}
 * @param rateLimitStore {@code rcguard.rate-limit-store}
 * @param jcacheUri {@code rcguard.jcache-uri}, or {@code null} for the provider's default
 * @param jcacheProvider {@code rcguard.jcache-provider}, or {@code null} for the default provider
 * @param tokenSource {@code rcguard.token-source}
 * @param oauthClient {@code rcguard.client-id} and {@code rcguard.client-secret}, or {@code null} when unset
 */
public record GuardConfig(
        URI serverUrl,
        Duration connectTimeout,
        Duration readTimeout,
        Mode mode,
        boolean coalesceInFlight,
        int maxConcurrentCalls,
        double rateLimitShare,
        Duration maxDecisionAge,
        Store rateLimitStore,
        URI jcacheUri,
        String jcacheProvider,
        String tokenSource,
        OAuthClient oauthClient) {

    private static final Pattern CLASS_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");
    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,6})?");
    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

    /** {@value}: RingCentral's base URL. */
    public static final String SERVER_URL = "rcguard.server-url";
    /** {@value}: the TCP connect timeout, in milliseconds. */
    public static final String CONNECT_TIMEOUT_MS = "rcguard.connect-timeout-ms";
    /** {@value}: the time to wait for an answer, in milliseconds. */
    public static final String READ_TIMEOUT_MS = "rcguard.read-timeout-ms";
    /** {@value}: {@code enforce} or {@code report-only}. */
    public static final String MODE = "rcguard.mode";
    /** {@value}: whether identical concurrent checks share one upstream call. */
    public static final String COALESCE_IN_FLIGHT = "rcguard.coalesce-in-flight";
    /** {@value}: upstream calls in flight at once. */
    public static final String MAX_CONCURRENT_CALLS = "rcguard.max-concurrent-calls";
    /** {@value}: the share of each user's RingCentral budget per group the guard may spend. */
    public static final String RATE_LIMIT_SHARE = "rcguard.rate-limit-share";
    /** {@value}: the oldest decision the guard may reuse, in milliseconds. */
    public static final String MAX_DECISION_AGE_MS = "rcguard.max-decision-age-ms";
    /** {@value}: where the rate-limit state lives: {@code memory} or {@code jcache}. */
    public static final String RATE_LIMIT_STORE = "rcguard.rate-limit-store";
    /** {@value}: the JCache provider configuration to open. */
    public static final String JCACHE_URI = "rcguard.jcache-uri";
    /** {@value}: the JCache provider's class. */
    public static final String JCACHE_PROVIDER = "rcguard.jcache-provider";
    /** {@code rcguard.token-source}: where the caller's access token is. */
    public static final String TOKEN_SOURCE = TokenSources.KEY;
    /** {@value}: the app's RingCentral OAuth client id. */
    public static final String CLIENT_ID = "rcguard.client-id";
    /** {@value}: the app's RingCentral OAuth client secret; never shown. */
    public static final String CLIENT_SECRET = "rcguard.client-secret";
    /** The default token source: the {@code Authorization: Bearer} header. */
    public static final String DEFAULT_TOKEN_SOURCE = TokenSources.HEADER;

    /** The names that hold for the whole application, whichever adapter asks: its one guard is made of them. */
    public static final List<String> APPLICATION_WIDE = List.of(
            SERVER_URL,
            CONNECT_TIMEOUT_MS,
            READ_TIMEOUT_MS,
            COALESCE_IN_FLIGHT,
            MAX_CONCURRENT_CALLS,
            RATE_LIMIT_SHARE,
            MAX_DECISION_AGE_MS,
            RATE_LIMIT_STORE,
            JCACHE_URI,
            JCACHE_PROVIDER,
            TOKEN_SOURCE,
            CLIENT_ID,
            CLIENT_SECRET);

    /**
     * The application's RingCentral OAuth credentials, with which a token source refreshes expired tokens.
     * {@link #toString()} never shows the secret.
     *
     * @param id {@code rcguard.client-id}
     * @param secret {@code rcguard.client-secret}
     */
    public record OAuthClient(String id, String secret) {

        private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1,200}");
        private static final Pattern SECRET = Pattern.compile("[\\x21-\\x7E]{1,500}");

        /**
         * Validated credentials.
         *
         * @param id the app's client id: letters, digits, {@code _ . -}
         * @param secret the app's client secret: printable characters, no spaces
         * @throws ConfigurationException naming {@code rcguard.client-id} or {@code rcguard.client-secret}
         */
        public OAuthClient {
            if (id == null || !ID.matcher(id).matches()) {
                throw new ConfigurationException(CLIENT_ID, "must be the app's client id (letters, digits, _ . -)");
            }
            if (secret == null || !SECRET.matcher(secret).matches()) {
                throw new ConfigurationException(
                        CLIENT_SECRET, "must be the app's client secret (printable characters, no spaces)");
            }
        }

        @Override
        public String toString() {
            return "OAuthClient[id=" + id + ", secret=****]";
        }
    }

    /** Where the rate-limit state lives. */
    public enum Store {
        /** This node's memory (the default). */
        MEMORY,
        /** The cluster's JCache, shared by every node of the application. */
        JCACHE
    }

    /** What a refusal does. */
    public enum Mode {
        /** A refusal stops the request (the default). */
        ENFORCE,
        /** Decide, log and count, but let the request through: for rolling the guard out. */
        REPORT_ONLY
    }

    /**
     * A validated configuration; {@link #load} reads one from the application's settings.
     *
     * @param serverUrl RingCentral's base URL; https unless the host is loopback
     * @param connectTimeout the TCP connect timeout, positive
     * @param readTimeout the time to wait for an answer, positive
     * @param mode enforce or report-only
     * @param coalesceInFlight whether identical concurrent checks share one upstream call
     * @param maxConcurrentCalls upstream calls in flight at once, 1 to 4096
     * @param rateLimitShare the share of each user's budget the guard may spend, 0.05 to 1
     * @param maxDecisionAge the oldest decision the guard may reuse, 0 to 60 s
     * @param rateLimitStore where the rate-limit state lives
     * @param jcacheUri the JCache provider configuration, or {@code null}
     * @param jcacheProvider the JCache provider's class, or {@code null}
     * @param tokenSource where the caller's token is
     * @param oauthClient the app's OAuth credentials, or {@code null}
     * @throws ConfigurationException naming the key, for a bad value
     */
    public GuardConfig {
        serverUrl = validServerUrl(serverUrl);
        connectTimeout = positive(CONNECT_TIMEOUT_MS, connectTimeout);
        readTimeout = positive(READ_TIMEOUT_MS, readTimeout);
        if (mode == null) {
            throw new ConfigurationException(MODE, "is missing");
        }
        if (maxConcurrentCalls < 1 || maxConcurrentCalls > 4096) {
            throw new ConfigurationException(MAX_CONCURRENT_CALLS, "must be between 1 and 4096");
        }
        if (!(rateLimitShare >= 0.05 && rateLimitShare <= 1)) {
            throw new ConfigurationException(
                    RATE_LIMIT_SHARE, "must be a decimal between 0.05 and 1, was " + rateLimitShare);
        }
        if (maxDecisionAge == null || maxDecisionAge.isNegative() || maxDecisionAge.toMillis() > 60_000) {
            throw new ConfigurationException(
                    MAX_DECISION_AGE_MS, "must be between 0 (strict: never reuse) and 60000 milliseconds");
        }
        if (rateLimitStore == null) {
            throw new ConfigurationException(RATE_LIMIT_STORE, "is missing");
        }
        if (tokenSource == null || tokenSource.isBlank()) {
            throw new ConfigurationException(TOKEN_SOURCE, "is missing");
        }
    }

    /** {@return the defaults, against production RingCentral} */
    public static GuardConfig defaults() {
        return load(name -> null);
    }

    /**
     * Reads and validates every name.
     *
     * @param overrides the adapter's own settings (such as filter init-params); answers {@code null} for unset
     * @return the configuration
     * @throws ConfigurationException naming the key, for a bad value
     */
    public static GuardConfig load(Function<String, String> overrides) {
        ConfigLookup lookup = new ConfigLookup(overrides);
        return new GuardConfig(
                uri(lookup.get(SERVER_URL, "https://platform.ringcentral.com")),
                millis(CONNECT_TIMEOUT_MS, lookup.get(CONNECT_TIMEOUT_MS, "2000")),
                millis(READ_TIMEOUT_MS, lookup.get(READ_TIMEOUT_MS, "5000")),
                mode(lookup.get(MODE, "enforce")),
                bool(COALESCE_IN_FLIGHT, lookup.get(COALESCE_IN_FLIGHT, "true")),
                integer(MAX_CONCURRENT_CALLS, lookup.get(MAX_CONCURRENT_CALLS, "256")),
                share(lookup.get(RATE_LIMIT_SHARE, "0.5")),
                Duration.ofMillis(integer(MAX_DECISION_AGE_MS, lookup.get(MAX_DECISION_AGE_MS, "10000"))),
                store(lookup.get(RATE_LIMIT_STORE, "memory")),
                jcacheUri(lookup.get(JCACHE_URI, "")),
                className(lookup.get(JCACHE_PROVIDER, "")),
                lookup.get(TOKEN_SOURCE, TokenSources.HEADER).strip(),
                oauthClient(lookup.get(CLIENT_ID, ""), lookup.get(CLIENT_SECRET, "")));
    }

    /**
     * A copy for another RingCentral server (tests, the demo and the simulator).
     *
     * @param url the other server's base URL
     * @return the copy
     */
    public GuardConfig withServerUrl(URI url) {
        return new GuardConfig(
                url,
                connectTimeout,
                readTimeout,
                mode,
                coalesceInFlight,
                maxConcurrentCalls,
                rateLimitShare,
                maxDecisionAge,
                rateLimitStore,
                jcacheUri,
                jcacheProvider,
                tokenSource,
                oauthClient);
    }

    /**
     * The value of one configuration name, as text {@link #load} reads back to the same value.
     *
     * @param name a configuration name, such as {@link #SERVER_URL}
     * @return its value as text; the client secret included
     * @throws IllegalArgumentException for a name that is not a configuration name
     */
    public String setting(String name) {
        return switch (name) {
            case SERVER_URL -> serverUrl.toString();
            case CONNECT_TIMEOUT_MS -> Long.toString(connectTimeout.toMillis());
            case READ_TIMEOUT_MS -> Long.toString(readTimeout.toMillis());
            case MODE -> mode == Mode.ENFORCE ? "enforce" : "report-only";
            case COALESCE_IN_FLIGHT -> Boolean.toString(coalesceInFlight);
            case MAX_CONCURRENT_CALLS -> Integer.toString(maxConcurrentCalls);
            case RATE_LIMIT_SHARE -> Double.toString(rateLimitShare);
            case MAX_DECISION_AGE_MS -> Long.toString(maxDecisionAge.toMillis());
            case RATE_LIMIT_STORE -> rateLimitStore.name().toLowerCase(Locale.ROOT);
            case JCACHE_URI -> jcacheUri == null ? "" : jcacheUri.toString();
            case JCACHE_PROVIDER -> jcacheProvider == null ? "" : jcacheProvider;
            case TOKEN_SOURCE -> tokenSource;
            case CLIENT_ID -> oauthClient == null ? "" : oauthClient.id();
            case CLIENT_SECRET -> oauthClient == null ? "" : oauthClient.secret();
            default -> throw new IllegalArgumentException("not a configuration name: " + name);
        };
    }

    /** {@return how long a check may wait for all its answers before it fails closed} */
    public Duration checkDeadline() {
        return connectTimeout.plus(readTimeout).plusSeconds(1);
    }

    private static URI uri(String value) {
        try {
            return new URI(value.strip());
        } catch (URISyntaxException e) {
            throw new ConfigurationException(SERVER_URL, "is not a URL: " + e.getReason());
        }
    }

    private static URI validServerUrl(URI url) {
        if (url == null) {
            throw new ConfigurationException(SERVER_URL, "is missing");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (url.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new ConfigurationException(SERVER_URL, "must be an absolute http(s) URL with a host, was " + url);
        }
        if (url.getRawUserInfo() != null || url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new ConfigurationException(SERVER_URL, "must not carry user info, a query or a fragment");
        }
        if (scheme.equals("http") && !isLoopback(url.getHost())) {
            throw new ConfigurationException(
                    SERVER_URL, "must use https unless the host is loopback (the bearer token would travel in clear)");
        }
        return url;
    }

    /**
     * Whether {@code host} is {@code localhost} or an IP literal of the loopback range. A name is never resolved
     * here: only a bracketed IPv6 literal or a dotted IPv4 one is read as an address.
     */
    static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        boolean literal =
                host.startsWith("[") && host.endsWith("]") || IPV4.matcher(host).matches();
        if (!literal) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress(); // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static Duration positive(String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new ConfigurationException(key, "must be a positive number of milliseconds");
        }
        return value;
    }

    private static Duration millis(String key, String value) {
        int ms = integer(key, value);
        if (ms < 1 || ms > 600_000) {
            throw new ConfigurationException(key, "must be between 1 and 600000 milliseconds, was " + ms);
        }
        return Duration.ofMillis(ms);
    }

    private static int integer(String key, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new ConfigurationException(key, "must be a whole number, was '" + value + "'");
        }
    }

    private static double share(String value) {
        String decimal = value.strip();
        if (DECIMAL.matcher(decimal).matches()) {
            return Double.parseDouble(decimal);
        }
        throw new ConfigurationException(RATE_LIMIT_SHARE, "must be a decimal such as 0.5, was '" + value + "'");
    }

    private static boolean bool(String key, String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigurationException(key, "must be true or false, was '" + value + "'");
        };
    }

    private static Store store(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "memory" -> Store.MEMORY;
            case "jcache" -> Store.JCACHE;
            default ->
                throw new ConfigurationException(RATE_LIMIT_STORE, "must be memory or jcache, was '" + value + "'");
        };
    }

    private static String className(String value) {
        String name = value.strip();
        if (name.isEmpty()) {
            return null;
        }
        if (!CLASS_NAME.matcher(name).matches()) {
            throw new ConfigurationException(JCACHE_PROVIDER, "must be a class name, was '" + value + "'");
        }
        return name;
    }

    private static URI jcacheUri(String value) {
        if (value.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(value.strip());
            if (uri.getScheme() == null) {
                throw new ConfigurationException(JCACHE_URI, "must be an absolute URI such as classpath:hazelcast.xml");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigurationException(JCACHE_URI, "is not a URI: " + e.getReason());
        }
    }

    /** Both names or neither: a client id without its secret (or the reverse) is a mistake, not a choice. */
    private static OAuthClient oauthClient(String id, String secret) {
        if (id.isBlank() && secret.isBlank()) {
            return null;
        }
        if (id.isBlank() || secret.isBlank()) {
            throw new ConfigurationException(
                    id.isBlank() ? CLIENT_ID : CLIENT_SECRET,
                    "is missing: " + CLIENT_ID + " and " + CLIENT_SECRET + " are set together, or not at all");
        }
        return new OAuthClient(id.strip(), secret.strip());
    }

    /**
     * The value of {@code name} for a message: never the client secret.
     *
     * @param name a configuration name
     * @return its value as text, {@code ****} for a set client secret
     */
    public String shown(String name) {
        return name.equals(CLIENT_SECRET) && oauthClient != null ? "****" : setting(name);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("GuardConfig[");
        for (String name : APPLICATION_WIDE) {
            text.append(name).append('=').append(shown(name)).append(", ");
        }
        return text.append(MODE).append('=').append(setting(MODE)).append(']').toString();
    }

    private static Mode mode(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "enforce" -> Mode.ENFORCE;
            case "report-only" -> Mode.REPORT_ONLY;
            default -> throw new ConfigurationException(MODE, "must be enforce or report-only, was '" + value + "'");
        };
    }
}
