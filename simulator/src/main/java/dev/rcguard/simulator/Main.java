package dev.rcguard.simulator;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;

/**
 * Runs the simulator on its own until Ctrl-C.
 *
 * <pre>
 * java -jar rcguard-simulator.jar [--port 8089] [--token demo-token] [--login demo]
 *      [--features features.json --authz-profile authz-profile.json] [--latency-ms 20] [--no-rate-limit]
 *      [--access-token-seconds 3599]
 * </pre>
 *
 * Without fixture files the user gets the bundled ones (253 feature records, 82 permissions).
 */
public final class Main {
    static final String USAGE = "Usage: java -jar rcguard-simulator.jar [--port 8089] [--token demo-token]"
            + " [--login demo] [--features FILE --authz-profile FILE] [--grant ID]... [--revoke ID]..."
            + " [--unavailable FEATURE:CODE]... [--expired-token TOKEN]... [--latency-ms N] [--no-rate-limit]"
            + " [--access-token-seconds N] [--help]";

    static final String HELP = USAGE + """


            A RingCentral stand-in on 127.0.0.1 for one user, until Ctrl-C.

              --port N                  the port (8089); 0 takes a free one
              --token TOKEN             the user's access token (demo-token)
              --login NAME              the login to sign in with at /restapi/oauth/authorize (demo)
              --features FILE --authz-profile FILE
                                        the user's features and permissions, as RingCentral answers them
                                        (default: the bundled fixtures, 253 features, 82 permissions)
              --grant ID                grant one more permission (repeatable)
              --revoke ID               take a permission away: its check answers successful:false (repeatable)
              --unavailable FEATURE:CODE
                                        make a feature unavailable with that reason code (repeatable)
              --expired-token TOKEN     another token of the user, already expired: 401 OAU-128 (repeatable)
              --latency-ms N            answer every call N ms late (0)
              --no-rate-limit           no rate limits (default: RingCentral's, Light 50 a minute per user)
              --access-token-seconds N  the lifetime of the access tokens it issues (3599)
              --help                    this text
            """;

    /** The port is taken: nothing started. */
    static final class PortInUseException extends RuntimeException {
        PortInUseException(int port) {
            super("Port " + port + " is already in use; start with --port N (another port, or 0 for a free one)");
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
        int port = 8089;
        String token = "demo-token";
        Path features = null;
        Path authzProfile = null;
        Duration latency = Duration.ZERO;
        RateLimits limits = RateLimits.ringCentralDefaults();
        String login = "demo";
        Duration accessTokenLifetime = Duration.ofSeconds(3599);
        List<String> grants = new ArrayList<>();
        List<String> revokes = new ArrayList<>();
        List<String[]> unavailable = new ArrayList<>();
        List<String> expiredTokens = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(value(args, ++i));
                case "--token" -> token = value(args, ++i);
                case "--features" -> features = Path.of(value(args, ++i));
                case "--authz-profile" -> authzProfile = Path.of(value(args, ++i));
                case "--latency-ms" -> latency = Duration.ofMillis(Long.parseLong(value(args, ++i)));
                case "--no-rate-limit" -> limits = RateLimits.disabled();
                case "--login" -> login = value(args, ++i);
                case "--access-token-seconds" -> accessTokenLifetime = Duration.ofSeconds(seconds(value(args, ++i)));
                case "--grant" -> grants.add(id(value(args, ++i)));
                case "--revoke" -> revokes.add(id(value(args, ++i)));
                case "--unavailable" -> unavailable.add(featureAndCode(value(args, ++i)));
                case "--expired-token" -> expiredTokens.add(value(args, ++i));
                default -> throw new IllegalArgumentException("Unknown argument: " + args[i]);
            }
        }
        if ((features == null) != (authzProfile == null)) {
            throw new IllegalArgumentException("Give both --features and --authz-profile, or neither");
        }
        String userToken = token;
        String userLogin = login;
        Path featuresFile = features;
        Path profileFile = authzProfile;
        RingCentralSimulator.Builder builder = RingCentralSimulator.builder()
                .port(port)
                .rateLimits(limits)
                .defaultLatency(latency)
                .accessTokenLifetime(accessTokenLifetime)
                .user(u -> {
                    u.token(userToken).login(userLogin);
                    if (featuresFile == null) {
                        u.fromBundledFixtures();
                    } else {
                        u.fromFixtures(featuresFile, profileFile);
                    }
                    grants.forEach(u::grant);
                    revokes.forEach(u::revoke);
                    unavailable.forEach(f -> u.unavailable(f[0], f[1], "Unavailable in the simulator (" + f[1] + ")"));
                    expiredTokens.forEach(expired -> u.token(expired).expireToken(expired));
                });
        RingCentralSimulator simulator;
        try {
            simulator = builder.start();
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof BindException) {
                throw new PortInUseException(port);
            }
            throw e;
        }
        SimulatedUser user = simulator.user(userToken);
        out.println("RingCentral simulator listening on " + simulator.baseUri());
        out.println("Token: " + userToken + " (account " + user.accountId() + ", extension " + user.extensionId() + ", "
                + user.permissions().size() + " permissions, " + user.features().size() + " features)");
        out.println("Try: curl -H 'Authorization: Bearer " + userToken + "' '" + simulator.baseUri()
                + "/restapi/v1.0/account/~/extension/~/authz-profile/check?permissionId=ReadMessages'");
        if (!expiredTokens.isEmpty()) {
            out.println("Expired tokens (401 OAU-128): " + String.join(", ", expiredTokens));
        }
        out.println("OAuth: client " + simulator.clientId() + " (secret " + simulator.clientSecret() + "), login "
                + userLogin + " at " + simulator.baseUri() + "/restapi/oauth/authorize, access tokens live "
                + accessTokenLifetime.toSeconds() + " s");
        out.println("Stop with Ctrl-C.");
        return simulator;
    }

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_]{1,100}");

    private static String id(String value) {
        if (!ID.matcher(value).matches()) {
            throw new IllegalArgumentException("Not a permission or feature id: " + value);
        }
        return value;
    }

    private static String[] featureAndCode(String value) {
        int colon = value.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("--unavailable needs FEATURE:CODE, was " + value);
        }
        return new String[] {id(value.substring(0, colon)), id(value.substring(colon + 1))};
    }

    private static long seconds(String value) {
        long seconds = Long.parseLong(value);
        if (seconds < 1 || seconds > 86_400) {
            throw new IllegalArgumentException("--access-token-seconds must be between 1 and 86400");
        }
        return seconds;
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException("Missing value after " + args[i - 1]);
        }
        return args[i];
    }
}
