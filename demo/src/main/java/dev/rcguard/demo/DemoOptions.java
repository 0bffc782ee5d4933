package dev.rcguard.demo;

import java.net.URI;
import java.time.Duration;
import java.util.function.Function;

/**
 * How to run the demo: the port on 127.0.0.1, which RingCentral to ask (the simulator unless
 * {@code RCGUARD_SERVER_URL} or {@code -Drcguard.server-url} names a real one), and how long the access tokens the
 * simulator issues at sign-in live.
 *
 * <pre>{@code
 * DemoOptions options = DemoOptions.parse(new String[] {"--port", "9090", "--token-lifetime", "60"}, System::getenv);
 * }</pre>
 *
 * @param port the port of the demo server; 0 picks a free one
 * @param realServer a real RingCentral's base URL, or {@code null} to start the simulator
 * @param tokenLifetime the {@code expires_in} of the access tokens the simulator's OAuth issues (sign-in at
 *     {@code /session/login}); the demo users' fixed tokens never expire by time
 */
public record DemoOptions(int port, URI realServer, Duration tokenLifetime) {

    /** The port used unless {@code --port} says otherwise. */
    public static final int DEFAULT_PORT = 8080;

    /**
     * Access tokens of a sign-in live 30 s unless {@code --token-lifetime} says otherwise (RingCentral's live an hour):
     * short enough to see a refresh on the page without waiting long.
     */
    public static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofSeconds(30);

    static final String USAGE = "Usage: DemoMain [--port N] [--token-lifetime SECONDS]"
            + "   (with Maven: -Ddemo.port=N -Ddemo.token-lifetime=SECONDS);"
            + " set RCGUARD_SERVER_URL to use a real RingCentral instead of the simulator";

    public DemoOptions {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be between 0 and 65535, was " + port);
        }
        if (tokenLifetime == null || tokenLifetime.toSeconds() < 1 || tokenLifetime.toSeconds() > 86_400) {
            throw new IllegalArgumentException("--token-lifetime must be between 1 and 86400 seconds, was "
                    + (tokenLifetime == null ? null : tokenLifetime.toSeconds()));
        }
    }

    /** The default token lifetime. */
    public DemoOptions(int port, URI realServer) {
        this(port, realServer, DEFAULT_TOKEN_LIFETIME);
    }

    /** The simulator on a free port (for tests). */
    public static DemoOptions simulatorOnFreePort() {
        return new DemoOptions(0, null);
    }

    /** This, with another lifetime for the access tokens of a sign-in. */
    public DemoOptions withTokenLifetime(Duration lifetime) {
        return new DemoOptions(port, realServer, lifetime);
    }

    /**
     * Reads {@code --port N} and {@code --token-lifetime SECONDS}; the RingCentral server from the system property
     * {@code rcguard.server-url}, else the environment variable {@code RCGUARD_SERVER_URL}.
     *
     * @throws IllegalArgumentException for an unknown argument or a bad value
     */
    public static DemoOptions parse(String[] args, Function<String, String> environment) {
        int port = DEFAULT_PORT;
        Duration lifetime = DEFAULT_TOKEN_LIFETIME;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (!(name.equals("--port") || name.equals("--token-lifetime")) || i + 1 == args.length) {
                throw new IllegalArgumentException("Unknown or incomplete argument: " + name);
            }
            String value = args[++i].strip();
            long number;
            try {
                number = Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a number, was '" + args[i] + "'");
            }
            if (name.equals("--port")) {
                port = number < 0 || number > 65535 ? -1 : (int) number;
                if (port < 0) {
                    throw new IllegalArgumentException("--port must be between 0 and 65535, was " + number);
                }
            } else {
                if (number < 1 || number > 86_400) {
                    throw new IllegalArgumentException(
                            "--token-lifetime must be between 1 and 86400 seconds, was " + number);
                }
                lifetime = Duration.ofSeconds(number);
            }
        }
        String server = System.getProperty("rcguard.server-url");
        if (server == null || server.isBlank()) {
            server = environment.apply("RCGUARD_SERVER_URL");
        }
        return new DemoOptions(port, server == null || server.isBlank() ? null : URI.create(server.strip()), lifetime);
    }
}
