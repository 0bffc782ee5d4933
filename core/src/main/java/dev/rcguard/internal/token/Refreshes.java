package dev.rcguard.internal.token;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The refreshes of expired access tokens, single-flight: the first request that meets an expired token refreshes it;
 * every other request that carries the same token, at the same time or within the next minute, waits for that one
 * refresh and gets its outcome, new token or failure, without another call. RingCentral's Auth group allows a user 5
 * token calls a minute, and a refresh token is good for one refresh only: a second refresh of the same token would
 * fail and lock the user out.
 *
 * <p>Expired tokens are known by their SHA-256 fingerprint only; at most {@link #MAX_ENTRIES} are kept, each for a
 * minute.
 */
public final class Refreshes {

    static final Duration REMEMBERED = Duration.ofMinutes(1);
    static final int MAX_ENTRIES = 100_000;

    private static final System.Logger LOG = System.getLogger("dev.rcguard");

    /** One refresh: its outcome ({@code null}: failed), and until when ({@code nanoTime}) it stands. */
    private record Refresh(CompletableFuture<String> token, long until) {}

    private final ConcurrentHashMap<String, Refresh> byExpired = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;
    private final AtomicLong nextSweep;
    private final LongAdder refreshes = new LongAdder();

    public Refreshes(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.nextSweep = new AtomicLong(nanoClock.getAsLong());
    }

    /**
     * The token a refresh of the expired one gave within the last minute, or {@code null}. A refresh still under way is
     * awaited, at most {@code wait}: a request that carries a token RingCentral has just rejected waits for the new one
     * instead of asking RingCentral again with the old.
     */
    public String replacement(String expiredFingerprint, Duration wait) {
        Refresh refresh = byExpired.get(expiredFingerprint);
        return refresh == null || nanoClock.getAsLong() - refresh.until() >= 0 ? null : outcome(refresh, wait);
    }

    /**
     * The new token for an expired one: {@code refresh} runs on this thread unless another request is refreshing the
     * same token or did within the last minute; then its outcome, awaited at most {@code wait}.
     *
     * @return the new token, or {@code null} when the refresh failed, threw, or took longer than {@code wait}
     */
    public String renew(String expiredFingerprint, Supplier<String> refresh, Duration wait) {
        long now = nanoClock.getAsLong();
        sweep(now);
        if (byExpired.size() >= MAX_ENTRIES) {
            LOG.log(Level.WARNING, "More than {0} expired tokens a minute: this one is not refreshed", MAX_ENTRIES);
            return null;
        }
        CompletableFuture<String> mine = new CompletableFuture<>();
        Refresh refreshing = byExpired.compute(
                expiredFingerprint,
                (key, earlier) -> earlier != null && now - earlier.until() < 0
                        ? earlier
                        : new Refresh(mine, now + REMEMBERED.toNanos()));
        if (refreshing.token() == mine) {
            refreshes.increment();
            try {
                mine.complete(refresh.get());
            } catch (RuntimeException failed) {
                LOG.log(
                        Level.WARNING,
                        "The application's token source failed to refresh a token",
                        SourceFailure.of(failed));
                mine.complete(null);
            }
        }
        return outcome(refreshing, wait);
    }

    /** The refresh's new token, or {@code null}: failed, or not done within {@code wait}. */
    private static String outcome(Refresh refresh, Duration wait) {
        try {
            return refresh.token().get(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Refreshes started: one per expired token, however many requests met it. */
    public long started() {
        return refreshes.sum();
    }

    /** Drops what is older than a minute, at most once a second. */
    private void sweep(long now) {
        long next = nextSweep.get();
        if (now - next >= 0
                && nextSweep.compareAndSet(next, now + Duration.ofSeconds(1).toNanos())) {
            byExpired.values().removeIf(refresh -> refresh.token().isDone() && now - refresh.until() >= 0);
        }
    }
}
