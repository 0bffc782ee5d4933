package dev.rcguard.internal.client;

import dev.rcguard.Decision;
import dev.rcguard.spi.Caller;
import dev.rcguard.spi.GuardConfig;
import dev.rcguard.spi.RingCentralClient;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * The real {@link RingCentralClient}: a MicroProfile Rest Client for {@link RingCentralApi}, answers read by
 * {@link Answers}.
 *
 * <p>Calls run on daemon threads, so that the ids of one requirement are checked concurrently; at most
 * {@code rcguard.max-concurrent-calls} are in flight at once, and a call beyond that fails closed at once instead of
 * queueing. Redirects are never followed, so the bearer
 * token never travels to another host; the connection pool keeps connections alive between calls. (RESTEasy's
 * engine resends a GET whose connection dropped before any answer, up to three times — which also rescues stale
 * keep-alive connections; MicroProfile Rest Client has no portable switch for it.)
 */
public final class RestRingCentralClient implements RingCentralClient, AutoCloseable {

    /** Larger answers are refused: the biggest real features answer (every feature of a user) is about 40 KiB. */
    static final int MAX_BODY_BYTES = 1 << 20;

    private static final RejectedExecutionException SATURATED =
            new RejectedExecutionException(GuardConfig.MAX_CONCURRENT_CALLS + " calls are already in flight");

    private final RingCentralApi api;
    private final Answers answers;
    private final Jsonb jsonb;
    private final ThreadPoolExecutor executor;
    /** Upstream calls in flight: counted here, not by the pool, whose idle threads are not always free to take one. */
    private final Semaphore slots;

    public RestRingCentralClient(GuardConfig config) {
        this.slots = new Semaphore(config.maxConcurrentCalls());
        this.executor = executor();
        this.api = RestClientBuilder.newBuilder()
                .baseUri(config.serverUrl())
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .followRedirects(false)
                .property("microprofile.rest.client.disable.default.mapper", true)
                // RESTEasy's pool, which would otherwise keep a single connection for the host:
                .property("resteasy.connectionPoolSize", config.maxConcurrentCalls())
                .property("resteasy.maxPooledPerRoute", config.maxConcurrentCalls())
                .build(RingCentralApi.class);
        this.jsonb = JsonbBuilder.create();
        this.answers = new Answers(jsonb);
    }

    @Override
    public CompletableFuture<Decision> checkPermission(Caller caller, String permissionId, String targetExtensionId) {
        return call(
                () -> api.checkPermission(
                        bearer(caller), caller.accountId(), caller.extensionId(), permissionId, targetExtensionId),
                answer -> answers.permission(permissionId, answer),
                answers::failure);
    }

    @Override
    public CompletableFuture<Map<String, Decision>> checkFeatures(Caller caller, List<String> featureIds) {
        return call(
                () -> api.features(bearer(caller), caller.accountId(), caller.extensionId(), featureIds),
                answer -> answers.features(featureIds, answer),
                failure -> Answers.each(featureIds, id -> answers.failure(failure)));
    }

    private <T> CompletableFuture<T> call(
            Supplier<Response> request, Function<HttpAnswer, T> decide, Function<Throwable, T> onFailure) {
        if (!slots.tryAcquire()) {
            return CompletableFuture.completedFuture(onFailure.apply(SATURATED));
        }
        try {
            return CompletableFuture.supplyAsync(
                            () -> {
                                try {
                                    return decide.apply(exchange(request));
                                } finally {
                                    slots.release();
                                }
                            },
                            executor)
                    .exceptionally(onFailure);
        } catch (RuntimeException rejected) { // the executor is shut down
            slots.release();
            return CompletableFuture.completedFuture(onFailure.apply(rejected));
        }
    }

    /** Sends the request and reads the whole answer, whatever its status. */
    private static HttpAnswer exchange(Supplier<Response> request) {
        try (Response response = send(request)) {
            return new HttpAnswer(
                    response.getStatus(),
                    response.getHeaderString(HttpHeaders.CONTENT_TYPE),
                    response.getHeaderString(HttpHeaders.RETRY_AFTER),
                    body(response));
        }
    }

    private static Response send(Supplier<Response> request) {
        try {
            return request.get();
        } catch (WebApplicationException mapped) {
            // An implementation that ignores disable.default.mapper still hands us the response.
            return mapped.getResponse();
        }
    }

    private static String body(Response response) {
        if (!response.hasEntity()) {
            return "";
        }
        try (InputStream in = response.readEntity(InputStream.class)) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                return "";
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String bearer(Caller caller) {
        return "Bearer " + caller.accessToken();
    }

    /** Threads come and go with the calls; {@link #slots} bounds how many run at once. */
    private static ThreadPoolExecutor executor() {
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
            Thread thread = new Thread(task, "rcguard-client-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            jsonb.close();
        } catch (Exception ignored) {
            // Nothing is left to release; closing is best effort.
        }
        if (api instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // Same as above.
            }
        }
    }
}
