package dev.rcguard.benchmarks.cpu;

import dev.rcguard.benchmarks.load.BareCheck;
import dev.rcguard.benchmarks.load.LoadGenerator;
import dev.rcguard.benchmarks.load.LoadResource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The requests of {@link CpuPerCheckBenchmark}: every request carries the next token of a list, the many users'
 * ({@link StandIn#token(int)}, one cursor shared by every endpoint, so that each user is asked about evenly spaced
 * in time) or the one token ({@link StandIn#ONE_TOKEN}). Anything but a 200 with the expected body is an error,
 * counted by status (or exception) in {@link #errors()}; the first of each kind is printed.
 *
 * <pre>{@code
 * Traffic traffic = new Traffic(server, standIn.baseUri(), 30_000, Duration.ofMillis(20));
 * LoadGenerator.Request guarded = traffic.request(Endpoint.GUARDED, true);
 * }</pre>
 */
final class Traffic implements AutoCloseable {

    /** What the benchmark measures, each as a request. */
    enum Endpoint {
        /** Unguarded, as fast as the server answers. */
        PLAIN("plain", "/plain"),
        /** Unguarded, each connection pausing the stand-in's latency after an answer: /slow's rate, none held. */
        PACED("paced", "/plain"),
        /** Unguarded, answered after the stand-in's latency: the rate of /guarded, each request held as long. */
        SLOW("slow", "/slow"),
        /**
         * Unguarded, asks the stand-in the check's question itself through core's transport: a live check's round trip
         * without the guard's work.
         */
        RELAY("relay", "/relay"),
        /** The permission check straight to the stand-in, from this JVM: the server gets no request. */
        BARE("bare", null),
        /** The JAX-RS filter, one permission. */
        GUARDED("guarded", "/guarded"),
        /** The JAX-RS filter, two permissions. */
        TWO("two", "/two"),
        /** The servlet filter, one permission. */
        FILTERED("filtered", "/filtered");

        final String key;
        final String path;

        Endpoint(String key, String path) {
            this.key = key;
            this.path = path;
        }

        /** How long each connection pauses after an answer: the stand-in's latency for {@link #PACED}, else none. */
        Duration think(Duration latency) {
            return this == PACED ? latency : Duration.ZERO;
        }

        static Endpoint of(String key) {
            for (Endpoint e : values()) {
                if (e.key.equals(key.strip())) {
                    return e;
                }
            }
            throw new IllegalArgumentException(
                    "Unknown endpoint " + key + ": plain, paced, slow, relay, bare, guarded, two, filtered");
        }

        String label() {
            return this == PACED ? path + ", paced" : path == null ? "(bare call)" : path;
        }
    }

    private final HttpClient http;
    private final ServerUnderTest server;
    private final int users;
    private final long latencyMs;
    private final BareCheck bare;
    private final AtomicLong cursor = new AtomicLong();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final Map<String, AtomicBoolean> shown = new ConcurrentHashMap<>();

    Traffic(ServerUnderTest server, URI ringCentral, int users, Duration latency) {
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        this.server = server;
        this.users = users;
        this.latencyMs = latency.toMillis();
        this.bare = new BareCheck(ringCentral);
    }

    /** {@code endpoint} with the many users' tokens ({@code many}) or the one token. */
    LoadGenerator.Request request(Endpoint endpoint, boolean many) {
        int count = many ? users : 1;
        String[] bearer = new String[count];
        for (int i = 0; i < count; i++) {
            bearer[i] = "Bearer " + (many ? StandIn.token(i) : StandIn.ONE_TOKEN);
        }
        if (endpoint == Endpoint.BARE) {
            return user -> {
                String authorization = bearer[next(count)];
                dev.rcguard.internal.http.HttpResponse response = bare.ask(authorization, authorization);
                String body = new String(response.body(), StandardCharsets.UTF_8);
                return check(endpoint, response.status(), body, body.contains("\"successful\""));
            };
        }
        HttpRequest[] requests = new HttpRequest[count];
        URI uri = server.uri(endpoint == Endpoint.SLOW ? endpoint.path + "?ms=" + latencyMs : endpoint.path);
        for (int i = 0; i < count; i++) {
            requests[i] = HttpRequest.newBuilder(uri)
                    .header("Authorization", bearer[i])
                    .timeout(Duration.ofSeconds(30))
                    .GET()
                    .build();
        }
        return user -> {
            HttpResponse<String> response;
            try {
                response = http.send(requests[next(count)], HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException e) {
                return failed(endpoint, e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
            }
            return check(
                    endpoint,
                    response.statusCode(),
                    response.body(),
                    response.body().equals(LoadResource.BODY));
        };
    }

    private int next(int count) {
        return count == 1 ? 0 : (int) Math.floorMod(cursor.getAndIncrement(), (long) count);
    }

    private boolean check(Endpoint endpoint, int status, String body, boolean expected) {
        if (status == 200 && expected) {
            return true;
        }
        return failed(endpoint, "HTTP " + status, body);
    }

    private boolean failed(Endpoint endpoint, String kind, String detail) {
        errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
        if (!shown.computeIfAbsent(endpoint.key + " " + kind, k -> new AtomicBoolean())
                .getAndSet(true)) {
            String text = detail == null ? "" : detail.replaceAll("\\s+", " ");
            System.err.printf(
                    "first error of %s: %s %s%n",
                    endpoint.label(), kind, text.substring(0, Math.min(300, text.length())));
        }
        return false;
    }

    /** Errors since the last {@link #resetErrors()}, by kind ({@code HTTP 503}, {@code ConnectException}). */
    Map<String, Long> errors() {
        Map<String, Long> copy = new TreeMap<>();
        errors.forEach((kind, n) -> copy.put(kind, n.sum()));
        return copy;
    }

    void resetErrors() {
        errors.clear();
    }

    @Override
    public void close() {
        bare.close(); // the HttpClient (Java 17: no close) ends with its last reference
    }
}
