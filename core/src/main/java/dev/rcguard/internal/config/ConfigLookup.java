package dev.rcguard.internal.config;

import java.util.Locale;
import java.util.function.Function;

/** Finds one configuration value: adapter overrides, MicroProfile Config, system properties, environment. */
public final class ConfigLookup {

    private final Function<String, String> overrides;
    private final Function<String, String> microProfile = MicroProfileConfig.lookup();

    public ConfigLookup(Function<String, String> overrides) {
        this.overrides = overrides;
    }

    public String get(String key, String defaultValue) {
        String value = overrides.apply(key);
        if (value == null) {
            value = microProfile.apply(key);
        }
        if (value == null) {
            value = System.getProperty(key);
        }
        if (value == null) {
            value = System.getenv(key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"));
        }
        return value == null || value.isBlank() ? defaultValue : value;
    }
}
