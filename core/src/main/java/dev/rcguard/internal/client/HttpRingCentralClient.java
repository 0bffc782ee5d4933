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
 * <p>A check's calls run on the thread that waits for the check, which sends them all before it reads their answers
 * ({@link CallingThread}); calls made otherwise run on daemon threads. At most
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
        this.transport = new HttpTransport(
                config.serverUrl(), tls, config.connectTimeout(), config.readTimeout(), config.maxConcurrentCalls());
        this.callBudgetNanos =
                config.connectTimeout().plus(config.readTimeout()).toNanos();
    }

    @Override
    public CompletableFuture<Answer> checkPermission(Caller caller, String permissionId, String targetExtensionId) {
        return checkPermission(caller, permissionId, targetExtensionId, null);
    }

    /**
     * When the user the call asks about is known — the token's user as an earlier answer named it, or the account and
     * extension the caller names — the call may use a shared connection, and its answer must name that user, the
     * permission and the target ({@link Answers#permission}); otherwise it uses the caller's own connections only.
     */
    @Override
    public CompletableFuture<Answer> checkPermission(
            Caller caller, String permissionId, String targetExtensionId, String user) {
        String target = ACCOUNT + caller.accountId() + "/extension/" + caller.extensionId()
                + "/authz-profile/check?permissionId=" + permissionId
                + (targetExtensionId == null ? "" : "&targetExtensionId=" + targetExtensionId);
        String askedAbout = Answers.askedAbout(caller.accountId(), caller.extensionId(), user);
        GuardTelemetry.Call recorded = telemetry.call(target);
        return recorded.ended(call(
                caller,
                askedAbout != null ? HttpTransport.SHARED : owner(caller),
                // once an answer named the user, the token's next checks will take shared connections
                answer -> askedAbout != null || answer.user() != null ? HttpTransport.SHARED : owner(caller),
                Kind.PERMISSION,
                target,
                List.of(permissionId),
                recorded.answering(answer -> Answers.permission(
                        permissionId, targetExtensionId, askedAbout, answer, caller.accessToken()))));
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
                owner(caller), // a features answer names no user: only the caller's own connections
                answer -> owner(caller),
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
            Caller caller,
            String owner,
            Function<Answer, String> keepFor,
            Kind kind,
            String target,
            List<String> ids,
            Function<HttpResponse, Answer> decide) {
        if (!slots.tryAcquire()) {
            return CompletableFuture.completedFuture(
                    Answer.only(ids, Answers.failure(new RejectedExecutionException("all call slots are taken"))));
        }
        Call call = new Call(owner, keepFor, kind, target, "Bearer " + caller.accessToken(), ids, decide);
        if (!CallingThread.take(call)) {
            try {
                executor.execute(call::run);
            } catch (RejectedExecutionException closed) { // the executor is shut down
                call.end(null, closed);
            }
        }
        return call.answer;
    }

    /** One call: its slot is taken, and given back when it ends, answered or not. */
    private final class Call implements CallingThread.Call {

        final CompletableFuture<Answer> answer = new CompletableFuture<>();
        private final String owner;
        private final Function<Answer, String> keepFor;
        private final Kind kind;
        private final String target;
        private final String authorization;
        private final List<String> ids;
        private final Function<HttpResponse, Answer> decide;
        private final long deadline = System.nanoTime() + callBudgetNanos;
        private HttpTransport.Exchange exchange;
        private boolean ended;

        Call(
                String owner,
                Function<Answer, String> keepFor,
                Kind kind,
                String target,
                String authorization,
                List<String> ids,
                Function<HttpResponse, Answer> decide) {
            this.owner = owner;
            this.keepFor = keepFor;
            this.kind = kind;
            this.target = target;
            this.authorization = authorization;
            this.ids = ids;
            this.decide = decide;
        }

        @Override
        public void send() {
            try {
                exchange = transport.send(owner, target, authorization, deadline);
            } catch (IOException | RuntimeException e) {
                end(null, e);
            }
        }

        @Override
        public void receive() {
            if (ended) { // sending failed
                return;
            }
            if (exchange == null) { // never sent: a failure before it
                end(null, new IOException("the call was not sent"));
                return;
            }
            try {
                end(
                        exchange.receive(
                                response -> {
                                    Answer decided = decide.apply(response);
                                    trouble.answered(kind, response.status(), decided);
                                    return decided;
                                },
                                decided -> Answers.sound(decided) ? keepFor.apply(decided) : null),
                        null);
            } catch (IOException | RuntimeException e) {
                end(null, e);
            }
        }

        void end(Answer answered, Throwable failure) {
            if (ended) {
                return;
            }
            ended = true;
            slots.release();
            if (failure instanceof IOException && !executor.isShutdown()) { // not a trouble: the application stops
                trouble.failed(kind, (IOException) failure);
            }
            answer.complete(answered != null ? answered : Answer.only(ids, Answers.failure(failure)));
        }
    }

    /** Whose connections a call that names no user may use: one user's (token, account, extension), by hash. */
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
