package dev.rcguard.demo;

import java.net.URI;
import java.util.function.Function;

/**
 * How to run the demo: the port on 127.0.0.1, and which RingCentral to ask (the simulator unless
 * {@code RCGUARD_SERVER_URL} or {@code -Drcguard.server-url} names a real one).
 *
 * <pre>{@code
 * DemoOptions options = DemoOptions.parse(new String[] {"--port", "9090"}, System::getenv);
 * }</pre>
 *
 * @param port the port of the demo server; 0 picks a free one
 * @param realServer a real RingCentral's base URL, or {@code null} to start the simulator
 */
public record DemoOptions(int port, URI realServer) {

    /** The port used unless {@code --port} says otherwise. */
    public static final int DEFAULT_PORT = 8080;

    static final String USAGE = "Usage: DemoMain [--port N]   (with Maven: -Ddemo.port=N);"
            + " set RCGUARD_SERVER_URL to use a real RingCentral instead of the simulator";

    public DemoOptions {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be between 0 and 65535, was " + port);
        }
    }

    /** The simulator on a free port (for tests). */
    public static DemoOptions simulatorOnFreePort() {
        return new DemoOptions(0, null);
    }

    /**
     * Reads {@code --port N}; the RingCentral server from the system property {@code rcguard.server-url}, else the
     * environment variable {@code RCGUARD_SERVER_URL}.
     *
     * @throws IllegalArgumentException for an unknown argument or a bad value
     */
    public static DemoOptions parse(String[] args, Function<String, String> environment) {
        int port = DEFAULT_PORT;
        for (int i = 0; i < args.length; i++) {
            if (!args[i].equals("--port") || i + 1 == args.length) {
                throw new IllegalArgumentException("Unknown or incomplete argument: " + args[i]);
            }
            try {
                port = Integer.parseInt(args[++i].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--port must be a number, was '" + args[i] + "'");
            }
        }
        String server = System.getProperty("rcguard.server-url");
        if (server == null || server.isBlank()) {
            server = environment.apply("RCGUARD_SERVER_URL");
        }
        return new DemoOptions(port, server == null || server.isBlank() ? null : URI.create(server.strip()));
    }
}
