package dev.rcguard.spi;

import dev.rcguard.Decision;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What one request has already asked and been granted, so that each id costs at most one RingCentral call per
 * request, and each requirement is enforced once per target, however many adapters (servlet filter, JAX-RS filter,
 * interceptors on nested beans) meet it.
 *
 * <p>Adapters keep one memo per request under {@link #ATTRIBUTE} (a servlet request attribute, which JAX-RS request
 * properties share on servlet-based runtimes) and drop it with the request. Nothing in it outlives the request.
 *
 * <pre>{@code
 * RequestMemo memo = RequestMemo.of(request::getAttribute, request::setAttribute);
 * }</pre>
 */
public final class RequestMemo {

    /** The request attribute every adapter keeps the memo under. */
    public static final String ATTRIBUTE = RequestMemo.class.getName();

    /** One id asked about by one caller, for one target extension. */
    private record Asked(
            String fingerprint, String accountId, String extensionId, Decision.Kind kind, String id, String target) {}

    /** One requirement granted to one caller, for one target extension. */
    private record Granted(
            String fingerprint, String accountId, String extensionId, Requirement requirement, String target) {}

    private final Map<Asked, CompletableFuture<Decision>> answers = new ConcurrentHashMap<>();
    private final Set<Granted> granted = ConcurrentHashMap.newKeySet();
    /** Ids answered from {@link #answers} rather than asked (for the guard's metrics). */
    private final AtomicInteger fromMemo = new AtomicInteger();

    private RequestMemo() {}

    /** {@return a fresh, empty memo for one request} */
    public static RequestMemo create() {
        return new RequestMemo();
    }

    /**
     * The memo stored in a request's attributes, created and stored there on first use.
     *
     * @param getter reads a request attribute
     * @param setter writes a request attribute
     * @return the request's memo
     */
    public static RequestMemo of(Function<String, Object> getter, BiConsumer<String, Object> setter) {
        if (getter.apply(ATTRIBUTE) instanceof RequestMemo memo) {
            return memo;
        }
        RequestMemo memo = create();
        setter.accept(ATTRIBUTE, memo);
        return memo;
    }

    /**
     * The answer about one id: the one this request already has (asked or being asked), else a new one that
     * {@code ask} is handed to complete. Each caller gets its own view of the answer: cancelling it cancels nothing
     * shared. If {@code ask} throws, the id is forgotten (a later check asks again) and the exception propagates.
     */
    CompletableFuture<Decision> answer(
            Caller caller, Decision.Kind kind, String id, String target, Consumer<CompletableFuture<Decision>> ask) {
        Asked key = new Asked(caller.fingerprint(), caller.accountId(), caller.extensionId(), kind, id, target);
        CompletableFuture<Decision> known = answers.get(key);
        if (known != null) {
            fromMemo.incrementAndGet();
            return known.copy();
        }
        CompletableFuture<Decision> mine = new CompletableFuture<>();
        known = answers.putIfAbsent(key, mine);
        if (known != null) {
            fromMemo.incrementAndGet();
            return known.copy();
        }
        try {
            ask.accept(mine);
        } catch (RuntimeException | Error e) {
            answers.remove(key, mine);
            mine.completeExceptionally(e); // anyone who joined meanwhile is answered too
            throw e;
        }
        return mine.copy();
    }

    /** How many ids this memo has answered without their being asked again. */
    int answeredFromMemo() {
        return fromMemo.get();
    }

    /** Records that {@code requirement} was granted to {@code caller} for {@code target} in this request. */
    void recordGrant(Caller caller, Requirement requirement, String target) {
        granted.add(grant(caller, requirement, target));
    }

    /** Whether {@code requirement} was already granted to {@code caller} for {@code target} in this request. */
    boolean wasGranted(Caller caller, Requirement requirement, String target) {
        return granted.contains(grant(caller, requirement, target));
    }

    private static Granted grant(Caller caller, Requirement requirement, String target) {
        return new Granted(caller.fingerprint(), caller.accountId(), caller.extensionId(), requirement, target);
    }
}
