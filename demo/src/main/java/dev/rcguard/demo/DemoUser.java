package dev.rcguard.demo;

import dev.rcguard.simulator.Permission;
import dev.rcguard.simulator.RingCentralSimulator;
import dev.rcguard.simulator.SimulatedUser;
import java.util.List;
import java.util.function.Consumer;

/**
 * One user of the demo: all four start from RingCentral's own mock data (the simulator's bundled fixtures, 82
 * permissions and 253 feature records) and differ in one thing each. Each has a fixed access token (for the requests
 * with an {@code Authorization} header) and a login, their name, for signing in with RingCentral's OAuth (the
 * simulator's {@code /restapi/oauth/authorize?login_hint=NAME}), which issues tokens of their own.
 *
 * <pre>{@code
 * RingCentralSimulator simulator = DemoUser.addAll(RingCentralSimulator.builder()).start();
 * DemoUser.expireTokens(simulator);
 * }</pre>
 *
 * @param name the user's first name
 * @param token the access token to send as {@code Authorization: Bearer <token>}
 * @param story what is special about this user
 * @param setup how the user differs from the fixtures
 */
public record DemoUser(String name, String token, String story, Consumer<SimulatedUser> setup) {

    /** Every permission and feature of the fixtures, and {@code ReadCallLog} for all extensions (an administrator). */
    public static final DemoUser ALICE = new DemoUser(
            "alice",
            "alice-token",
            "has everything, and may read every extension's call log",
            u -> u.grant(Permission.of("ReadCallLog", "1", "AllExtensions")));

    /** The fixtures without the {@code ReadMessages} permission. */
    public static final DemoUser BOB =
            new DemoUser("bob", "bob-token", "lacks the ReadMessages permission", u -> u.revoke("ReadMessages"));

    /** The fixtures, with {@code SMSSending} limited by the service plan. */
    public static final DemoUser CAROL = new DemoUser(
            "carol",
            "carol-token",
            "her service plan does not include SMSSending",
            u -> u.unavailable(
                    "SMSSending", "ServicePlanLimitation", "The feature is unavailable for the current service plan"));

    /** The fixtures, but the token has expired. */
    public static final DemoUser DAVE =
            new DemoUser("dave", "dave-expired-token", "his access token has expired", u -> {});

    /** The four demo users, in the order of their extension ids (400100200301 to 400100200304). */
    public static final List<DemoUser> ALL = List.of(ALICE, BOB, CAROL, DAVE);

    /** Adds the four users to a simulator being built, each with their token and their name as login. */
    public static RingCentralSimulator.Builder addAll(RingCentralSimulator.Builder builder) {
        for (DemoUser user : ALL) {
            builder.user(u ->
                    user.setup().accept(u.token(user.token()).login(user.name()).fromBundledFixtures()));
        }
        return builder;
    }

    /** Expires the tokens of the users whose story is an expired token, once the simulator runs. */
    public static void expireTokens(RingCentralSimulator simulator) {
        simulator.expireToken(DAVE.token());
    }
}
