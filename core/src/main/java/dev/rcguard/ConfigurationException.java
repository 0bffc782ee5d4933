package dev.rcguard;

/** A configuration value the guard cannot work with; the message names the key. Thrown at start-up. */
public class ConfigurationException extends IllegalStateException {

    private final String key;

    public ConfigurationException(String key, String problem) {
        super("Invalid RingCentral guard configuration: " + key + " " + problem);
        this.key = key;
    }

    /** The configuration name at fault, such as {@code rcguard.server-url}. */
    public String key() {
        return key;
    }
}
