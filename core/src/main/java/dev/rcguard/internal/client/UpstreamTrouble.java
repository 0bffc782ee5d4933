package dev.rcguard.internal.client;

import dev.rcguard.Decision;
import dev.rcguard.Decision.Kind;
import dev.rcguard.internal.http.MalformedResponseException;
import dev.rcguard.spi.GuardConfig;
import dev.rcguard.spi.RingCentralClient.Answer;
import java.io.EOFException;
import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLException;

/**
 * What an operator needs to know of RingCentral's health, from the outcome of every call the client makes: one WARN
 * line per cause (unreachable, timing out, answering malformed, answering 5xx) at most once a minute
 * ({@link #PERIOD_NANOS}), with how many calls failed since the previous line of that cause; one INFO line when
 * RingCentral answers again after a trouble that was warned of; and a WARN line at most once a minute per rate-limit
 * group when RingCentral answers 429, which the rate-limit economy should never let happen.
 *
 * <p>Lines name RingCentral's URL, the cause, the endpoint kind and counts: never a token, a user, an id or anything
 * else of a request. Time is the injected clock's ({@link System#nanoTime()} in production), so a test can let minutes
 * pass at once.
 */
public final class UpstreamTrouble {

    /** The shortest time between two lines of one cause, or of 429s in one rate-limit group. */
    public static final long PERIOD_NANOS = TimeUnit.MINUTES.toNanos(1);

    /** Rate-limit groups tracked one by one; names beyond that many (a broken server) share one entry. */
    static final int MAX_GROUPS = 16;

    private static final System.Logger LOG = System.getLogger("dev.rcguard");

    /** Why a call got no usable answer. */
    public enum Cause {
        UNREACHABLE("RingCentral unreachable at "),
        TIMEOUT("RingCentral does not answer in time at "),
        MALFORMED("RingCentral answers malformed at "),
        SERVER_ERROR("RingCentral answers with server errors at ");

        private final String lead;

        Cause(String lead) {
            this.lead = lead;
        }
    }

    /** What happened since the previous line of one cause or group. */
    private static final class Tally {
        long count;
        long firstAt;
        boolean everLogged;
        long loggedAt;
        String detail;
        final Set<Kind> kinds = EnumSet.noneOf(Kind.class);

        /** Counts one occurrence; whether a line is due now. */
        boolean count(long now, Kind kind, String detail) {
            if (count == 0) {
                firstAt = now;
            }
            count++;
            this.detail = detail;
            kinds.add(kind);
            return !everLogged || now - loggedAt >= PERIOD_NANOS;
        }

        /** The count phrase of a line due now ("3 calls failed in the last 60 s (...)"); starts the next period. */
        String logged(long now, String verb) {
            String counted = count == 1
                    ? "1 call " + verb
                    : count + " calls " + verb + " in the last " + seconds(now - firstAt) + " s";
            String text = counted + " (" + (detail == null ? "" : detail + "; ") + kinds(kinds) + ")";
            everLogged = true;
            loggedAt = now;
            count = 0;
            kinds.clear();
            return text;
        }
    }

    private final String url;
    private final String timeouts;
    private final String share;
    private final LongSupplier nanoClock;
    private final System.Logger log;

    private final Map<Cause, Tally> causes = new EnumMap<>(Cause.class);
    private final Map<String, Tally> groups = new HashMap<>();
    /**
     * Failed calls since RingCentral last answered, and since when; whether a line warned of them. Written under the
     * lock; volatile so that an answer while nothing failed, every call in good times, takes no lock.
     */
    private volatile long failing;

    private long failingSince;
    private boolean warned;

    public UpstreamTrouble(GuardConfig config, LongSupplier nanoClock) {
        this(config, nanoClock, LOG);
    }

    UpstreamTrouble(GuardConfig config, LongSupplier nanoClock, System.Logger log) {
        this.url = shown(config.serverUrl());
        this.timeouts = "no answer in time: " + GuardConfig.CONNECT_TIMEOUT_MS + "="
                + config.connectTimeout().toMillis() + ", " + GuardConfig.READ_TIMEOUT_MS + "="
                + config.readTimeout().toMillis();
        this.share = config.setting(GuardConfig.RATE_LIMIT_SHARE);
        this.nanoClock = nanoClock;
        this.log = log;
        for (Cause cause : Cause.values()) {
            causes.put(cause, new Tally());
        }
    }

    /** The server URL as a line shows it: scheme, host, port and path, nothing else (it holds nothing else). */
    private static String shown(URI url) {
        String text = url.toString();
        return text.endsWith("/") && text.length() > 1 ? text.substring(0, text.length() - 1) : text;
    }

    /** A call of {@code kind} that got no answer: {@code failure} is what the transport threw. */
    public void failed(Kind kind, Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof MalformedResponseException) {
                trouble(Cause.MALFORMED, kind, "not a strict HTTP/1.1 answer: " + t.getMessage());
                return;
            }
            if (t instanceof SocketTimeoutException || t instanceof TimeoutException) {
                trouble(Cause.TIMEOUT, kind, timeouts);
                return;
            }
            if (t instanceof ConnectException) {
                trouble(Cause.UNREACHABLE, kind, "connection refused");
                return;
            }
            if (t instanceof UnknownHostException) {
                trouble(Cause.UNREACHABLE, kind, "unknown host");
                return;
            }
            if (t instanceof NoRouteToHostException) {
                trouble(Cause.UNREACHABLE, kind, "no route to host");
                return;
            }
            if (t instanceof SSLException) {
                trouble(Cause.UNREACHABLE, kind, "TLS failed: " + t.getClass().getSimpleName());
                return;
            }
            if (t instanceof EOFException) {
                trouble(Cause.UNREACHABLE, kind, "the connection closed before an answer");
                return;
            }
        }
        trouble(
                Cause.UNREACHABLE,
                kind,
                "the connection failed: " + failure.getClass().getSimpleName());
    }

    /** A call of {@code kind} that RingCentral answered with {@code status}, read by {@link Answers} as {@code answer}. */
    public void answered(Kind kind, int status, Answer answer) {
        if (status >= 500) {
            trouble(Cause.SERVER_ERROR, kind, "HTTP " + status);
        } else if (status == 429) {
            rateLimited(kind, answer);
        } else if (status == 200 && malformed(answer)) {
            trouble(Cause.MALFORMED, kind, "a 200 that is not a readable answer");
        } else if (status != 200 && status != 400 && status != 401 && status != 403 && status != 404) {
            trouble(Cause.MALFORMED, kind, "an unexpected HTTP " + status);
        } else {
            answers();
        }
    }

    private static boolean malformed(Answer answer) {
        for (Decision decision : answer.decisions().values()) {
            String code = decision.reason() == null ? null : decision.reason().code();
            if ("InvalidResponse".equals(code) || "UnexpectedResponse".equals(code)) {
                return true;
            }
        }
        return false;
    }

    private void trouble(Cause cause, Kind kind, String detail) {
        String line = null;
        synchronized (this) {
            long now = nanoClock.getAsLong();
            if (failing == 0) {
                failingSince = now;
            }
            failing++;
            Tally tally = causes.get(cause);
            if (tally.count(now, kind, detail)) {
                warned = true;
                line = cause.lead + url + ": " + tally.logged(now, "failed")
                        + "; checks that need it fail closed (503) until it answers";
            }
        }
        if (line != null) {
            log.log(Level.WARNING, line);
        }
    }

    /** RingCentral answered: the end of a trouble, if there was one. */
    private void answers() {
        if (failing == 0) {
            return;
        }
        String line = null;
        synchronized (this) {
            if (failing == 0) {
                return;
            }
            if (warned) {
                long now = nanoClock.getAsLong();
                long unwarned = 0;
                for (Tally tally : causes.values()) { // what is left to tell is told here
                    unwarned += tally.count;
                    tally.count = 0;
                    tally.kinds.clear();
                }
                line = "RingCentral answers again at " + url + " after " + failing + " failed call"
                        + (failing == 1 ? "" : "s") + " over " + seconds(now - failingSince) + " s"
                        + (unwarned == 0 ? "" : "; " + unwarned + " failed since the last warning");
            }
            failing = 0;
            warned = false;
        }
        if (line != null) {
            log.log(Level.INFO, line);
        }
    }

    private void rateLimited(Kind kind, Answer answer) {
        String group =
                answer.rateLimit() != null ? answer.rateLimit().group() : kind == Kind.PERMISSION ? "Light" : "Medium";
        String line = null;
        synchronized (this) {
            Tally tally = groups.get(group);
            if (tally == null) {
                if (groups.size() >= MAX_GROUPS) {
                    group = "(other)";
                }
                tally = groups.computeIfAbsent(group, ignored -> new Tally());
            }
            long now = nanoClock.getAsLong();
            if (tally.count(now, kind, null)) {
                String counted = tally.logged(now, "got a 429");
                line = "RingCentral at " + url + " rate-limits the guard in group " + group + ": " + counted
                        + ". This should not happen: the guard spends at most " + GuardConfig.RATE_LIMIT_SHARE + "="
                        + share + " of each user's budget, so something else spends more than the rest. Check that"
                        + " every node shares one budget (" + GuardConfig.RATE_LIMIT_STORE + "=jcache), that no other"
                        + " application or guard uses these users' tokens, and lower " + GuardConfig.RATE_LIMIT_SHARE
                        + " if the application's own calls need more. The user's checks fail (503) until"
                        + " Retry-After has passed";
            }
        }
        answers();
        if (line != null) {
            log.log(Level.WARNING, line);
        }
    }

    private static long seconds(long nanos) {
        return Math.max(1, Math.round(nanos / 1e9));
    }

    private static String kinds(Set<Kind> kinds) {
        if (kinds.size() == 2) {
            return "permission checks and features";
        }
        return kinds.contains(Kind.PERMISSION) ? "permission checks" : "features";
    }
}
