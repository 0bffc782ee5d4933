package dev.rcguard.simulator;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Thread-safe counts of what reached the simulator, resettable between tests.
 *
 * <p>Every request is counted, whatever it was answered (401, 429, an injected fault, 404 for an unknown
 * path, which counts only in {@link #total()}). A permission check counts once for its
 * {@code permissionId}; a features call counts once for every {@code featureId} it asks. Connections are
 * counted as distinct client (address, port) pairs seen since the last reset, so {@code N} requests over
 * one keep-alive connection count as one. A request to the OAuth token endpoint counts in
 * {@link #calls(Endpoint) calls(Endpoint.OAUTH_TOKEN)} and, when its form names a grant the simulator accepts,
 * in {@link #tokenCalls(OAuthGrant)}; {@code GET /restapi/oauth/authorize} counts in {@link #total()} only.
 *
 * <pre>{@code
 * CallCounters counters = simulator.counters();
 * assertThat(counters.calls("t1", "ReadMessages")).isEqualTo(1);
 * assertThat(counters.connections()).isEqualTo(1);
 * counters.reset();
 * }</pre>
 */
public final class CallCounters {
    private record ByToken(String token) {}

    private record ById(Endpoint endpoint, String token, String id) {}

    private record ByGrant(OAuthGrant grant) {}

    private final LongAdder total = new LongAdder();
    private final Map<Object, LongAdder> counts = new ConcurrentHashMap<>();
    private final Set<String> connections = ConcurrentHashMap.newKeySet();

    CallCounters() {}

    /** {@return all requests received} */
    public long total() {
        return total.sum();
    }

    /**
     * {@return requests to one endpoint}
     *
     * @param endpoint the endpoint
     */
    public long calls(Endpoint endpoint) {
        return get(endpoint);
    }

    /**
     * {@return requests, to any endpoint, that carried {@code Bearer token}}
     *
     * @param token the bearer token
     */
    public long callsWithToken(String token) {
        return get(new ByToken(token));
    }

    /**
     * {@return how often {@code token} asked about {@code id}, as a permission or as a feature}
     *
     * @param token the bearer token
     * @param id a permission or feature id
     */
    public long calls(String token, String id) {
        return calls(Endpoint.PERMISSION_CHECK, token, id) + calls(Endpoint.FEATURES, token, id);
    }

    /**
     * {@return how often {@code token} asked {@code endpoint} about {@code id}}
     *
     * @param endpoint the endpoint
     * @param token the bearer token
     * @param id a permission or feature id
     */
    public long calls(Endpoint endpoint, String token, String id) {
        return get(new ById(endpoint, token, id));
    }

    /**
     * Requests to the OAuth token endpoint whose {@code grant_type} was {@code grant}, whatever they were answered
     * (200, 400, 429, an injected fault): a test can assert that exactly one refresh reached the simulator.
     *
     * @param grant the grant type
     * @return how many such requests came
     */
    public long tokenCalls(OAuthGrant grant) {
        return get(new ByGrant(grant));
    }

    /** The ids {@code token} asked {@code endpoint} about, with how often, in no particular order. */
    Map<String, Long> idsAsked(Endpoint endpoint, String token) {
        Map<String, Long> asked = new HashMap<>();
        counts.forEach((key, count) -> {
            if (key instanceof ById id
                    && id.endpoint() == endpoint
                    && id.token().equals(token)) {
                asked.put(id.id(), count.sum());
            }
        });
        return asked;
    }

    /** {@return distinct client connections seen} */
    public long connections() {
        return connections.size();
    }

    /** Sets every count to zero and forgets the connections seen. */
    public void reset() {
        total.reset();
        counts.clear();
        connections.clear();
    }

    void connection(InetSocketAddress remote) {
        connections.add(remote.getAddress().getHostAddress() + ":" + remote.getPort());
    }

    void request(Endpoint endpoint, String token, Iterable<String> ids) {
        total.increment();
        if (endpoint != null) {
            increment(endpoint);
        }
        if (token != null) {
            increment(new ByToken(token));
            if (endpoint != null) {
                ids.forEach(id -> increment(new ById(endpoint, token, id)));
            }
        }
    }

    /** A request to the OAuth token endpoint, with the grant its form named (or {@code null}). */
    void tokenRequest(OAuthGrant grant) {
        total.increment();
        increment(Endpoint.OAUTH_TOKEN);
        if (grant != null) {
            increment(new ByGrant(grant));
        }
    }

    /** A request counted in {@link #total()} only, e.g. {@code GET /restapi/oauth/authorize}. */
    void otherRequest() {
        total.increment();
    }

    private void increment(Object key) {
        counts.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    private long get(Object key) {
        LongAdder adder = counts.get(key);
        return adder == null ? 0 : adder.sum();
    }
}
