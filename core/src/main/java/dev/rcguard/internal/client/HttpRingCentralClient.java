package dev.rcguard.internal.client;

import dev.rcguard.Decision.Kind;
import dev.rcguard.internal.DaemonThreads;
import dev.rcguard.internal.engine.CallingThread;
import dev.rcguard.internal.http.HttpResponse;
import dev.rcguard.internal.http.HttpTransport;
import dev.rcguard.internal.telemetry.GuardTelemetry;
import dev.rcguard.spi.Caller;
import dev.rcguard.spi.GuardConfig;
import dev.rcguard.spi.RingCentralClient;
import dev.rcguard.spi.RingCentralClient.Answer;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLSocketFactory;

/**
 * The real {@link RingCentralClient}: RingCentral's two endpoints over {@link HttpTransport}, answers read by
 * {@link Answers}.
 *
 * <p>A check's first call runs on the thread that waits for the check ({@link CallingThread}); its other calls run on
 * daemon threads, so that the ids of one requirement are checked concurrently; at most
 * {@code rcguard.max-concurrent-calls} are in flight at once, and a call beyond that fails closed at once instead of
 * queueing. Each call ends by its deadline ({@code rcguard.connect-timeout-ms} + {@code rcguard.read-timeout-ms}),
 * answer or not, and gives its thread and slot back. Redirects are never followed, so the bearer token never travels
 * to another host. Every call's outcome goes to {@link UpstreamTrouble}, which tells the operator when RingCentral is
 * unreachable, slow, malformed or rate-limiting, and when it answers again.
 */
public final class HttpRingCentralClient implements RingCentralClient, AutoCloseable {

    private static final String ACCOUNT = "/restapi/v1.0/account/";

    private final HttpTransport transport;
    private final long callBudgetNanos;
    private final DaemonThreads threads = new DaemonThreads("rcguard-client-");
    private final ThreadPoolExecutor executor;
    /** The pool, but a check's first call runs on the thread that waits for it ({@link CallingThread}). */
    private final Executor calls;
    /** A span and the HTTP client's metrics per call, when the guard records to OpenTelemetry. */
    private volatile GuardTelemetry telemetry = GuardTelemetry.NONE;
    /** Upstream calls in flight: counted here, not by the pool, whose idle threads are not always free to take one. */
    private final Semaphore slots;

    private final UpstreamTrouble trouble;

    public HttpRingCentralClient(GuardConfig config) {
        this(config, (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    /** With another TLS configuration (tests: a trust store of their own). */
    public HttpRingCentralClient(GuardConfig config, SSLSocketFactory tls) {
        this(config, tls, System::nanoTime);
    }

    /** With another clock for {@link UpstreamTrouble}'s once-a-minute lines (tests: minutes that pass at once). */
    public HttpRingCentralClient(GuardConfig config, SSLSocketFactory tls, LongSupplier nanoClock) {
        this.trouble = new UpstreamTrouble(config, nanoClock);
        this.slots = new Semaphore(config.maxConcurrentCalls());
        this.executor = executor();
        this.calls = CallingThread.firstOnWaitingThread(executor);
        this.transport = new HttpTransport(
                config.serverUrl(), tls, config.connectTimeout(), config.readTimeout(), config.maxConcurrentCalls());
        this.callBudgetNanos =
                config.connectTimeout().plus(config.readTimeout()).toNanos();
    }

    @Override
    public CompletableFuture<Answer> checkPermission(Caller caller, String permissionId, String targetExtensionId) {
        String target = ACCOUNT + caller.accountId() + "/extension/" + caller.extensionId()
                + "/authz-profile/check?permissionId=" + permissionId
                + (targetExtensionId == null ? "" : "&targetExtensionId=" + targetExtensionId);
        GuardTelemetry.Call recorded = telemetry.call(target);
        return recorded.ended(call(
                caller,
                Kind.PERMISSION,
                target,
                List.of(permissionId),
                recorded.answering(answer -> Answers.permission(permissionId, answer, caller.accessToken()))));
    }

    @Override
    public CompletableFuture<Answer> checkFeatures(Caller caller, List<String> featureIds) {
        StringBuilder target = new StringBuilder(ACCOUNT)
                .append(caller.accountId())
                .append("/extension/")
                .append(caller.extensionId())
                .append("/features");
        char separator = '?';
        for (String id : featureIds) {
            target.append(separator).append("featureId=").append(id);
            separator = '&';
        }
        GuardTelemetry.Call recorded = telemetry.call(target.toString());
        return recorded.ended(call(
                caller,
                Kind.FEATURE,
                target.toString(),
                featureIds,
                recorded.answering(answer -> Answers.features(featureIds, answer, caller.accessToken()))));
    }

    /**
     * Ids and the target are validated before they get here ({@code Requirement}, {@code Caller}): letters, digits,
     * {@code _} and {@code ~} need no encoding in a URL.
     */
    private CompletableFuture<Answer> call(
            Caller caller, Kind kind, String target, List<String> ids, Function<HttpResponse, Answer> decide) {
        Function<Throwable, Answer> onFailure = failure -> Answer.only(ids, Answers.failure(failure));
        if (!slots.tryAcquire()) {
            return CompletableFuture.completedFuture(
                    onFailure.apply(new RejectedExecutionException("all call slots are taken")));
        }
        long deadline = System.nanoTime() + callBudgetNanos;
        try {
            return CompletableFuture.supplyAsync(
                            () -> {
                                try {
                                    HttpResponse response = transport.get(
                                            owner(caller), target, "Bearer " + caller.accessToken(), deadline);
                                    Answer answer = decide.apply(response);
                                    trouble.answered(kind, response.status(), answer);
                                    return answer;
                                } catch (IOException e) {
                                    if (!executor.isShutdown()) { // not a trouble: the application stops
                                        trouble.failed(kind, e);
                                    }
                                    return onFailure.apply(e);
                                } finally {
                                    slots.release();
                                }
                            },
                            calls)
                    .exceptionally(onFailure);
        } catch (RejectedExecutionException closed) { // the executor is shut down
            slots.release();
            return CompletableFuture.completedFuture(onFailure.apply(closed));
        }
    }

    /** Whose connections a call may use: one user's (token, account, extension), by hash, never another's. */
    private static String owner(Caller caller) {
        return caller.fingerprint() + '/' + caller.accountId() + '/' + caller.extensionId();
    }

    /** Records each call to {@code telemetry} from now on (the guard's, so that a call is its check's child). */
    public void recordTo(GuardTelemetry telemetry) {
        this.telemetry = telemetry;
    }

    /** Call slots free right now: all of them once every call has come back. */
    public int freeSlots() {
        return slots.availablePermits();
    }

    /** Threads come and go with the calls; {@link #slots} bounds how many run at once. */
    private ThreadPoolExecutor executor() {
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), threads);
    }

    /**
     * Takes no new call, closes the connections (a call in flight ends at once, failing closed), and returns only once
     * every call thread has ended: a servlet container checks for threads left behind right after the application
     * stops. Bounded by one call's deadline.
     */
    @Override
    public void close() {
        executor.shutdown();
        transport.close();
        if (!threads.join(Duration.ofNanos(callBudgetNanos))) {
            executor.shutdownNow();
        }
    }
}
