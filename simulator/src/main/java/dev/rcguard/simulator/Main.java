package dev.rcguard.simulator;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator on its own until Ctrl-C: one user from the options, or several from a users file, with or
 * without rate limits, with latency and faults, and a control endpoint under {@code /simulator/} to grant, revoke and
 * read counters while it runs (simulator/README.md, "On its own").
 *
 * <pre>
 * java -jar rcguard-simulator.jar --users users.json --rate-limits off --latency 20 --fault features:503
 * </pre>
 *
 * A bad argument or users file prints one message naming what is wrong and exits with 2; a port in use exits with 1.
 */
public final class Main {
    static final String USAGE = "Usage: java -jar rcguard-simulator.jar [--port 8089] [--users FILE | --token TOKEN"
            + " --login NAME [--features FILE --authz-profile FILE] [--grant ID]... [--revoke ID]..."
            + " [--unavailable FEATURE:CODE]... [--expired-token TOKEN]...] [--rate-limits on|off] [--latency MS]"
            + " [--fault ENDPOINT:KIND]... [--access-token-seconds N] [--help]";

    static final String HELP = USAGE + """


            A RingCentral stand-in on 127.0.0.1, until Ctrl-C: one user (demo-token), or the users of --users FILE.

              --port N                  the port (8089); 0 takes a free one
              --users FILE              the users, from a JSON file (simulator/README.md, "A users file"); without
                                        it, one user made by the next eight options
              --token TOKEN             the user's access token (demo-token)
              --login NAME              the user's name: its login at /restapi/oauth/authorize and its part of the
                                        control endpoint's paths (demo)
              --features FILE --authz-profile FILE
                                        the user's features and permissions, as RingCentral answers them
                                        (default: the bundled fixtures, 253 features, 82 permissions)
              --grant ID                grant one more permission (repeatable)
              --revoke ID               take a permission away: its check answers successful:false (repeatable)
              --unavailable FEATURE:CODE
                                        make a feature unavailable with that reason code (repeatable)
              --expired-token TOKEN     another token of the user, already expired: 401 OAU-128 (repeatable)
              --rate-limits on|off      on: RingCentral's, per user (Light 50, Medium 40, Auth 5 a minute); off: none
                                        (on)
              --latency MS              answer every call MS milliseconds late (0)
              --fault ENDPOINT:KIND     break an endpoint for every call (repeatable, one per endpoint). ENDPOINT:
                                        permission-check, features, authz-profile, message-store, oauth-token.
                                        KIND: 429 (with Retry-After: 60), 500-599 (CMN-201), drop (no answer),
                                        malformed (200 with broken JSON), latency:MS, slow:MS (8 bytes per MS)
              --access-token-seconds N  the lifetime of the access tokens it issues (3599)
              --help                    this text

            The control endpoint, on the same port (simulator/README.md, "The control endpoint"):
              POST|DELETE /simulator/users/NAME/grants/PERMISSION   grant or revoke at run time
              GET /simulator/users[/NAME]   GET|DELETE /simulator/counters
            The earlier spellings --no-rate-limit and --latency-ms N still work.
            """;

    /** The port is taken: nothing started. */
    static final class PortInUseException extends RuntimeException {
        PortInUseException(int port) {
            super("Port " + port + " is already in use; start with --port N (another port, or 0 for a free one)");
        }
    }

    /** A users file is wrong: its message says where; the usage would not help. */
    static final class UsersFileException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UsersFileException(IllegalArgumentException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private Main() {}

    /**
     * Starts the simulator on 127.0.0.1 with the demo users and runs until interrupted; {@code --help} lists the options.
     *
     * @param args the command line
     * @throws InterruptedException when interrupted while running
     */
    public static void main(String[] args) throws InterruptedException {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.print(HELP);
            return;
        }
        RingCentralSimulator simulator;
        try {
            simulator = launch(args, System.out);
        } catch (UsersFileException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        } catch (PortInUseException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }));
        stopped.await();
    }

    /** Starts a simulator as the arguments say and prints how to reach it. */
    static RingCentralSimulator launch(String[] args, PrintStream out) {
        Options options = Options.parse(args);
        RingCentralSimulator.Builder builder = RingCentralSimulator.builder()
                .port(options.port())
                .rateLimits(options.rateLimits())
                .defaultLatency(options.latency())
                .accessTokenLifetime(options.accessTokenLifetime())
                .controlEndpoint(true);
        if (options.usersFile() != null) {
            List<UsersFile.User> users;
            try {
                users = UsersFile.read(options.usersFile());
            } catch (IllegalArgumentException e) {
                throw new UsersFileException(e);
            }
            users.forEach(user -> builder.user(user::applyTo));
        } else {
            // the builder sets the user up at once: a bad fixture file stops here, before any port is taken
            builder.user(user -> singleUser(options, user));
        }
        RingCentralSimulator simulator;
        try {
            simulator = builder.start();
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof BindException) {
                throw new PortInUseException(options.port());
            }
            throw e;
        }
        options.faults().forEach(simulator::inject);
        print(simulator, options, out);
        return simulator;
    }

    /** The one user of the options. */
    private static void singleUser(Options options, SimulatedUser user) {
        user.token(options.token()).login(options.login());
        if (options.features() == null) {
            user.fromBundledFixtures();
        } else {
            try {
                user.fromFixtures(options.features(), options.authzProfile());
            } catch (UncheckedIOException e) {
                throw new IllegalArgumentException(e.getMessage() + ": " + e.getCause());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "--features / --authz-profile: not RingCentral's shape: " + e.getMessage());
            }
        }
        options.grants().forEach(user::grant);
        options.revokes().forEach(user::revoke);
        options.unavailable().forEach(user::feature);
        options.expiredTokens().forEach(expired -> user.token(expired).expireToken(expired));
    }

    private static void print(RingCentralSimulator simulator, Options options, PrintStream out) {
        URI base = simulator.baseUri();
        List<SimulatedUser> users = simulator.users();
        out.println("RingCentral simulator listening on " + base);
        out.println(options.usersFile() == null ? "User:" : "Users (from " + options.usersFile() + "):");
        List<String> expired = new ArrayList<>();
        Instant now = Instant.now();
        for (SimulatedUser user : users) {
            List<String> tokens = user.tokens();
            tokens.stream()
                    .filter(token -> user.status(token, now) == SimulatedUser.TokenStatus.EXPIRED)
                    .forEach(expired::add);
            out.printf(
                    "  %-8s token %s (account %s, extension %s; %s, %s)%n",
                    user.login().orElse("-"),
                    tokens.get(0),
                    user.accountId(),
                    user.extensionId(),
                    count(user.permissions().size(), "permission"),
                    count(user.features().size(), "feature"));
        }
        if (!expired.isEmpty()) {
            out.println("Expired tokens (401 OAU-128): " + String.join(", ", expired));
        }
        SimulatedUser first = users.get(0);
        out.println("Try: curl -H 'Authorization: Bearer " + first.tokens().get(0) + "' '" + base
                + "/restapi/v1.0/account/~/extension/~/authz-profile/check?permissionId=ReadMessages'");
        out.println("Rate limits: "
                + (options.rateLimits().enabled()
                        ? "RingCentral's, per user: Light 50, Medium 40, Auth 5 a minute, 60 s penalty"
                        : "off")
                + (options.latency().isZero()
                        ? ""
                        : "; latency " + options.latency().toMillis() + " ms"));
        options.faults()
                .forEach((endpoint, fault) -> out.println("Fault: " + Options.name(endpoint) + " " + describe(fault)));
        out.println("Control: " + base + "/simulator/users, " + base + "/simulator/counters; e.g. curl -X POST " + base
                + "/simulator/users/" + first.login().orElseThrow() + "/grants/ReadMessages");
        out.println("OAuth: client " + simulator.clientId() + " (secret " + simulator.clientSecret() + "), login "
                + first.login().orElseThrow() + " at " + base + "/restapi/oauth/authorize, access tokens live "
                + options.accessTokenLifetime().toSeconds() + " s");
        out.println("Stop with Ctrl-C.");
    }

    private static String describe(Fault fault) {
        if (fault instanceof Fault.FixedResponse response) {
            return "answers " + response.status() + " to every call";
        } else if (fault instanceof Fault.DropConnection) {
            return "drops every connection without an answer";
        } else if (fault instanceof Fault.MalformedJson) {
            return "answers 200 with broken JSON";
        } else if (fault instanceof Fault.Latency latency) {
            return "answers " + latency.delay().toMillis() + " ms late";
        }
        Fault.SlowBody slow = (Fault.SlowBody) fault;
        return "sends its answers " + slow.chunkSize() + " bytes per "
                + slow.pause().toMillis() + " ms";
    }

    private static String count(int n, String thing) {
        return n + " " + thing + (n == 1 ? "" : "s");
    }
}
