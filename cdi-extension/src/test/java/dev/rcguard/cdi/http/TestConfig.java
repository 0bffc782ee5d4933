package dev.rcguard.cdi.http;

import dev.rcguard.simulator.RingCentralSimulator;
import dev.rcguard.spi.GuardConfig;

/** The rcguard.* system properties a test deployment reads. */
public final class TestConfig {

    private TestConfig() {}

    public static void pointAt(RingCentralSimulator ringCentral, String mode) {
        System.setProperty(GuardConfig.SERVER_URL, ringCentral.baseUri().toString());
        timeoutsAndMode(mode);
    }

    /** All but the server URL, which the test kit sets ({@code @WithRingCentralSimulator}). */
    public static void timeoutsAndMode(String mode) {
        System.setProperty(GuardConfig.CONNECT_TIMEOUT_MS, "2000");
        System.setProperty(GuardConfig.READ_TIMEOUT_MS, "1000");
        System.setProperty(GuardConfig.MODE, mode);
    }

    /** The application's own token source, by {@code rcguard.token-source=class:...}. */
    public static void tokenSource(Class<?> source) {
        System.setProperty(GuardConfig.TOKEN_SOURCE, "class:" + source.getName());
    }

    public static void clear() {
        for (String name : new String[] {
            GuardConfig.SERVER_URL,
            GuardConfig.CONNECT_TIMEOUT_MS,
            GuardConfig.READ_TIMEOUT_MS,
            GuardConfig.MODE,
            GuardConfig.TOKEN_SOURCE
        }) {
            System.clearProperty(name);
        }
    }
}
