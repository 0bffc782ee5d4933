package dev.rcguard.simulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The standalone simulator's command line, read and checked: every mistake is an {@link IllegalArgumentException}
 * that names the option and the value ({@link Main#HELP} says what each does).
 *
 * <pre>{@code
 * Options options = Options.parse(new String[] {"--users", "users.json", "--rate-limits", "off"});
 * }</pre>
 */
record Options(
        int port,
        Path usersFile,
        String token,
        String login,
        Path features,
        Path authzProfile,
        List<String> grants,
        List<String> revokes,
        List<Feature> unavailable,
        List<String> expiredTokens,
        RateLimits rateLimits,
        Duration latency,
        Map<Endpoint, Fault> faults,
        Duration accessTokenLifetime) {

    static final int DEFAULT_PORT = 8089;
    static final String DEFAULT_TOKEN = "demo-token";
    static final String DEFAULT_LOGIN = "demo";

    /** The options that describe the one user made without {@code --users}. */
    private static final List<String> SINGLE_USER = List.of(
            "--token",
            "--login",
            "--features",
            "--authz-profile",
            "--grant",
            "--revoke",
            "--unavailable",
            "--expired-token");

    private static final String FAULT_KINDS = "429, 500-599, drop, malformed, latency:MS or slow:MS";

    static Options parse(String[] args) {
        int port = DEFAULT_PORT;
        Path usersFile = null;
        String token = DEFAULT_TOKEN;
        String login = DEFAULT_LOGIN;
        Path features = null;
        Path authzProfile = null;
        List<String> grants = new ArrayList<>();
        List<String> revokes = new ArrayList<>();
        List<Feature> unavailable = new ArrayList<>();
        List<String> expiredTokens = new ArrayList<>();
        RateLimits rateLimits = RateLimits.ringCentralDefaults();
        Duration latency = Duration.ZERO;
        Map<Endpoint, Fault> faults = new LinkedHashMap<>();
        Duration accessTokenLifetime = Duration.ofSeconds(3599);
        List<String> singleUserGiven = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (SINGLE_USER.contains(option) && !singleUserGiven.contains(option)) {
                singleUserGiven.add(option);
            }
            switch (option) {
                case "--port" -> port = (int) number(option, value(args, ++i), 0, 65_535);
                case "--users" -> usersFile = Path.of(value(args, ++i));
                case "--token" -> token = token(option, value(args, ++i));
                case "--login" -> login = name(value(args, ++i));
                case "--features" -> features = Path.of(value(args, ++i));
                case "--authz-profile" -> authzProfile = Path.of(value(args, ++i));
                case "--grant" -> grants.add(id(option, value(args, ++i)));
                case "--revoke" -> revokes.add(id(option, value(args, ++i)));
                case "--unavailable" -> unavailable.add(unavailable(value(args, ++i)));
                case "--expired-token" -> expiredTokens.add(token(option, value(args, ++i)));
                case "--rate-limits" -> rateLimits = rateLimits(value(args, ++i));
                case "--no-rate-limit" -> rateLimits = RateLimits.disabled();
                case "--latency", "--latency-ms" ->
                    latency = Duration.ofMillis(number(option, value(args, ++i), 0, 60_000));
                case "--fault" -> fault(value(args, ++i), faults);
                case "--access-token-seconds" ->
                    accessTokenLifetime = Duration.ofSeconds(number(option, value(args, ++i), 1, 86_400));
                default -> throw new IllegalArgumentException("Unknown argument: " + option);
            }
        }
        if (usersFile != null && !singleUserGiven.isEmpty()) {
            throw new IllegalArgumentException("--users FILE names every user; leave out "
                    + String.join(", ", singleUserGiven) + " (they describe the one user made without it)");
        }
        if ((features == null) != (authzProfile == null)) {
            throw new IllegalArgumentException("Give both --features and --authz-profile, or neither");
        }
        return new Options(
                port,
                usersFile,
                token,
                login,
                features,
                authzProfile,
                List.copyOf(grants),
                List.copyOf(revokes),
                List.copyOf(unavailable),
                List.copyOf(expiredTokens),
                rateLimits,
                latency,
                Map.copyOf(faults),
                accessTokenLifetime);
    }

    /** The command-line name of an endpoint: {@code permission-check}, {@code features}, ... */
    static String name(Endpoint endpoint) {
        return endpoint.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static long number(String option, String value, long min, long max) {
        long number;
        try {
            number = Long.parseLong(value);
        } catch (NumberFormatException e) {
            number = Long.MIN_VALUE;
        }
        if (number < min || number > max) {
            throw new IllegalArgumentException(
                    option + " needs a whole number from " + min + " to " + max + ", was " + value);
        }
        return number;
    }

    private static String id(String option, String value) {
        if (!UsersFile.ID.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    option + ": not a permission or feature id (" + UsersFile.ID_RULE + "): " + value);
        }
        return value;
    }

    private static String token(String option, String value) {
        if (value.isEmpty() || !value.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw new IllegalArgumentException(option + ": a token is printable ASCII without spaces, was " + value);
        }
        return value;
    }

    private static String name(String value) {
        if (!UsersFile.NAME.matcher(value).matches()) {
            throw new IllegalArgumentException("--login: not a name (" + UsersFile.NAME_RULE + "): " + value);
        }
        return value;
    }

    private static Feature unavailable(String value) {
        int colon = value.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("--unavailable needs FEATURE:CODE, was " + value);
        }
        String code = id("--unavailable", value.substring(colon + 1));
        return Feature.unavailable(
                id("--unavailable", value.substring(0, colon)),
                new Feature.Reason(code, UsersFile.defaultMessage(code), null));
    }

    private static RateLimits rateLimits(String value) {
        return switch (value) {
            case "on" -> RateLimits.ringCentralDefaults();
            case "off" -> RateLimits.disabled();
            default -> throw new IllegalArgumentException("--rate-limits needs on or off, was " + value);
        };
    }

    /** {@code ENDPOINT:KIND}, KIND one of {@value #FAULT_KINDS}. */
    private static void fault(String value, Map<Endpoint, Fault> faults) {
        int colon = value.indexOf(':');
        String endpointName = colon < 0 ? value : value.substring(0, colon);
        Endpoint endpoint = Arrays.stream(Endpoint.values())
                .filter(e -> name(e).equals(endpointName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--fault needs ENDPOINT:KIND with ENDPOINT one of "
                        + Arrays.stream(Endpoint.values()).map(Options::name).collect(Collectors.joining(", "))
                        + "; was " + value));
        String kind = colon < 0 ? "" : value.substring(colon + 1);
        Fault fault;
        if (kind.equals("drop")) {
            fault = Fault.dropConnection();
        } else if (kind.equals("malformed")) {
            fault = Fault.malformedJson();
        } else if (kind.startsWith("latency:")) {
            fault = new Fault.Latency(Duration.ofMillis(number("--fault latency", kind.substring(8), 1, 60_000)));
        } else if (kind.startsWith("slow:")) {
            fault = Fault.slowBody(Duration.ofMillis(number("--fault slow", kind.substring(5), 1, 60_000)));
        } else if (kind.equals("429")) {
            fault = Fault.status(429, Json.write(ErrorBody.of("CMN-301", "Request rate exceeded")))
                    .withHeader("Retry-After", "60");
        } else if (kind.matches("5[0-9][0-9]")) {
            fault = Fault.status(
                    Integer.parseInt(kind), Json.write(ErrorBody.of("CMN-201", "Service Temporary Unavailable")));
        } else {
            throw new IllegalArgumentException(
                    "--fault " + endpointName + ":KIND needs KIND " + FAULT_KINDS + "; was " + value);
        }
        if (faults.putIfAbsent(endpoint, fault) != null) {
            throw new IllegalArgumentException("--fault: one fault per endpoint; " + endpointName + " has two");
        }
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException("Missing value after " + args[i - 1]);
        }
        return args[i];
    }
}
