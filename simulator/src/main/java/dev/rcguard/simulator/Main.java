package dev.rcguard.simulator;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

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
            + " [--login demo] [--features FILE --authz-profile FILE] [--latency-ms N] [--no-rate-limit]"
            + " [--access-token-seconds N]";

    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        RingCentralSimulator simulator;
        try {
            simulator = launch(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
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
        RingCentralSimulator simulator = RingCentralSimulator.builder()
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
                })
                .start();
        SimulatedUser user = simulator.user(userToken);
        out.println("RingCentral simulator listening on " + simulator.baseUri());
        out.println("Token: " + userToken + " (account " + user.accountId() + ", extension " + user.extensionId() + ", "
                + user.permissions().size() + " permissions, " + user.features().size() + " features)");
        out.println("Try: curl -H 'Authorization: Bearer " + userToken + "' '" + simulator.baseUri()
                + "/restapi/v1.0/account/~/extension/~/authz-profile/check?permissionId=ReadMessages'");
        out.println("OAuth: client " + simulator.clientId() + " (secret " + simulator.clientSecret() + "), login "
                + userLogin + " at " + simulator.baseUri() + "/restapi/oauth/authorize, access tokens live "
                + accessTokenLifetime.toSeconds() + " s");
        out.println("Stop with Ctrl-C.");
        return simulator;
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
