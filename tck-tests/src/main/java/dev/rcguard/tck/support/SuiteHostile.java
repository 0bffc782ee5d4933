package dev.rcguard.tck.support;

import dev.rcguard.simulator.hostile.HostileRingCentral;
import java.net.URI;
import java.time.Duration;

/**
 * The one hostile stand-in for RingCentral of the test JVM, on 127.0.0.1, started on first use and stopped when the JVM
 * exits: it answers each call with the kind of answer the caller's token names ({@code kind-NNN}).
 */
public final class SuiteHostile {

    private SuiteHostile() {}

    /** {@return the running stand-in} */
    public static HostileRingCentral get() {
        return Holder.STAND_IN;
    }

    /** {@return its base URL, {@code http://127.0.0.1:<port>}} */
    public static URI baseUri() {
        return get().baseUri();
    }

    private static final class Holder {
        static final HostileRingCentral STAND_IN = start();

        private static HostileRingCentral start() {
            HostileRingCentral standIn = HostileRingCentral.builder()
                    .stallCap(Duration.ofSeconds(5))
                    .maxConnections(2048)
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(standIn::close, "hostile-ringcentral-stop"));
            return standIn;
        }
    }
}
