package dev.rcguard.tck.support;

import dev.rcguard.simulator.RateLimits;
import dev.rcguard.simulator.RingCentralSimulator;
import dev.rcguard.simulator.SimulatedUser;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The one RingCentral simulator of the test JVM, started on 127.0.0.1 the first time anything asks for it (usually
 * a {@code @Deployment} method, which runs before any test) and stopped when the JVM exits.
 *
 * <p>A deployment learns its URL through {@link Deployments#war(String)}; tests then add their own users, each
 * with fresh tokens, so that test classes never share a token, its counters or its rate-limit window.
 *
 * <pre>{@code
 * String token = SuiteSimulator.user(u -> u.grant("ReadMessages"));
 * long calls = SuiteSimulator.get().counters().calls(token, "ReadMessages");
 * }</pre>
 */
public final class SuiteSimulator {

    private static final AtomicInteger TOKENS = new AtomicInteger();

    private SuiteSimulator() {}

    /** The running simulator. */
    public static RingCentralSimulator get() {
        return Holder.SIMULATOR;
    }

    /** Its base URL, {@code http://127.0.0.1:<port>}. */
    public static URI baseUri() {
        return get().baseUri();
    }

    /**
     * Adds a user with one fresh token and whatever {@code configuration} sets.
     *
     * @return the user's token
     */
    public static String user(Consumer<SimulatedUser> configuration) {
        String token = "tck-" + TOKENS.incrementAndGet() + "-" + Long.toHexString(System.nanoTime());
        get().addUser(u -> configuration.accept(u.token(token)));
        return token;
    }

    /** Started on first use of this class (the JVM's class initialisation makes that exactly once). */
    private static final class Holder {
        static final RingCentralSimulator SIMULATOR = start();

        private static RingCentralSimulator start() {
            RingCentralSimulator simulator = RingCentralSimulator.builder()
                    .threads(16)
                    .rateLimits(RateLimits.ringCentralDefaults())
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "ringcentral-simulator-stop"));
            return simulator;
        }
    }
}
