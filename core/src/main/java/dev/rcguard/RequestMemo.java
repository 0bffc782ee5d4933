package dev.rcguard;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The answers already asked for within one request, so that each id costs at most one RingCentral call per request
 * however many adapters (servlet filter, JAX-RS filter, interceptors on nested beans) check it.
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
    public record Key(
            String fingerprint, String accountId, String extensionId, Decision.Kind kind, String id, String target) {
        public static Key of(Caller caller, Decision.Kind kind, String id, String target) {
            return new Key(caller.fingerprint(), caller.accountId(), caller.extensionId(), kind, id, target);
        }
    }

    private final Map<Key, CompletableFuture<Decision>> answers = new ConcurrentHashMap<>();

    private RequestMemo() {}

    /** A fresh, empty memo for one request. */
    public static RequestMemo create() {
        return new RequestMemo();
    }

    /**
     * The memo stored in a request's attributes, created and stored there on first use.
     *
     * @param getter reads a request attribute
     * @param setter writes a request attribute
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
     * The answer about {@code key}: the one this request already has (asked or being asked), else a new one that
     * {@code ask} is handed to complete.
     */
    public CompletableFuture<Decision> answer(Key key, Consumer<CompletableFuture<Decision>> ask) {
        CompletableFuture<Decision> known = answers.get(key);
        if (known != null) {
            return known;
        }
        CompletableFuture<Decision> mine = new CompletableFuture<>();
        known = answers.putIfAbsent(key, mine);
        if (known != null) {
            return known;
        }
        ask.accept(mine);
        return mine;
    }
}
