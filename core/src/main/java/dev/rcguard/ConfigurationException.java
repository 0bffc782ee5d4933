package dev.rcguard;

/** A configuration value the guard cannot work with; the message names the key. Thrown at start-up. */
public class ConfigurationException extends IllegalStateException {

    /** The configuration name at fault. */
    private final String key;

    /**
     * A configuration value the guard cannot work with.
     *
     * @param key the configuration name at fault, such as {@code rcguard.server-url}
     * @param problem what is wrong with its value, appended to the key in the message
     */
    public ConfigurationException(String key, String problem) {
        super("Invalid RingCentral guard configuration: " + key + " " + problem);
        this.key = key;
    }

    /** {@return the configuration name at fault, such as {@code rcguard.server-url}} */
    public String key() {
        return key;
    }
}
