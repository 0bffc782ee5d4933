package dev.rcguard.internal.config;

import java.util.function.Function;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/** MicroProfile Config when the application has it; a lookup that finds nothing when it does not. */
public final class MicroProfileConfig {

    private MicroProfileConfig() {}

    public static Function<String, String> lookup() {
        Config config;
        try {
            config = ConfigProvider.getConfig();
        } catch (LinkageError | RuntimeException absent) {
            // No MicroProfile Config API or implementation (a plain servlet container): the other sources remain.
            return key -> null;
        }
        return key -> config.getOptionalValue(key, String.class).orElse(null);
    }
}
