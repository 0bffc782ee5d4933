package dev.rcguard.demo;

import java.util.List;

/**
 * The requests the demo documents. Against the simulator each has a known answer; against a real RingCentral the
 * same requests carry the caller's own token ({@code $RC_TOKEN}) and the answer depends on that account.
 *
 * <pre>{@code
 * DemoCases.forSimulator("400100200301", "400100200302").forEach(c -> System.out.println(c.curl(base)));
 * }</pre>
 */
public final class DemoCases {

    /** The token placeholder of the real-RingCentral mode: the shell fills it in. */
    public static final String OWN_TOKEN = "$RC_TOKEN";

    private static final String SMS = "{\"to\":\"+15550100\",\"text\":\"Hello from the demo\"}";
    private static final String NOT_GRANTED_READ_MESSAGES =
            "403 problem+json: permission ReadMessages, reason InsufficientPermissions";

    private DemoCases() {}

    /** The cases against the simulator's demo users, given alice's and bob's extension ids. */
    public static List<DemoCase> forSimulator(String aliceExtension, String bobExtension) {
        DemoUser alice = DemoUser.ALICE;
        DemoUser bob = DemoUser.BOB;
        return List.of(
                of("JAX-RS: alice reads her messages", alice, "GET", "/api/messages", null, 200, "200 and 3 messages"),
                of("JAX-RS: bob lacks ReadMessages", bob, "GET", "/api/messages", null, 403, NOT_GRANTED_READ_MESSAGES),
                of(
                        "CDI service: the Mailbox bean refuses bob too",
                        bob,
                        "GET",
                        "/api/messages/unread-count",
                        null,
                        403,
                        NOT_GRANTED_READ_MESSAGES),
                of("Feature: alice sends an SMS", alice, "POST", "/api/sms", SMS, 200, "200 and status Queued"),
                of(
                        "Feature: carol's service plan has no SMSSending",
                        DemoUser.CAROL,
                        "POST",
                        "/api/sms",
                        SMS,
                        403,
                        "403 problem+json: feature SMSSending, reason ServicePlanLimitation"),
                of(
                        "Admin: alice reads bob's call log",
                        alice,
                        "GET",
                        "/api/extensions/" + bobExtension + "/call-log",
                        null,
                        200,
                        "200 and bob's calls"),
                of(
                        "Admin: bob may not read alice's call log",
                        bob,
                        "GET",
                        "/api/extensions/" + aliceExtension + "/call-log",
                        null,
                        403,
                        "403 problem+json: permission ReadCallLog, reason InsufficientPermissions"),
                of(
                        "web.xml filter: alice gets the call-volume report",
                        alice,
                        "GET",
                        "/reports/call-volume",
                        null,
                        200,
                        "200 and the report"),
                of(
                        "web.xml filter: dave's token has expired",
                        DemoUser.DAVE,
                        "GET",
                        "/reports/call-volume",
                        null,
                        401,
                        "401 problem+json, WWW-Authenticate error=\"invalid_token\", reason OAU-128"),
                new DemoCase(
                        "No token at all",
                        null,
                        null,
                        "GET",
                        "/api/messages",
                        null,
                        401,
                        "401 problem+json, WWW-Authenticate: Bearer realm=\"RingCentral\"; RingCentral is not asked"));
    }

    /** The same requests with the caller's own token, against a real RingCentral. */
    public static List<DemoCase> forRealServer() {
        return List.of(
                own("JAX-RS: permission ReadMessages", "GET", "/api/messages", null),
                own("CDI service: permission ReadMessages", "GET", "/api/messages/unread-count", null),
                own("Feature SMSSending", "POST", "/api/sms", SMS),
                own(
                        "Admin: ReadCallLog on another extension (put its id in the path)",
                        "GET",
                        "/api/extensions/EXTENSION_ID/call-log",
                        null),
                own("web.xml filter: ReadCallLog and ReadExtensionCallLog", "GET", "/reports/call-volume", null),
                new DemoCase(
                        "No token at all",
                        null,
                        null,
                        "GET",
                        "/api/messages",
                        null,
                        401,
                        "401 problem+json; RingCentral is not asked"));
    }

    private static DemoCase of(
            String title, DemoUser user, String method, String path, String body, int status, String expect) {
        return new DemoCase(title, user.name(), user.token(), method, path, body, status, expect);
    }

    private static DemoCase own(String title, String method, String path, String body) {
        return new DemoCase(
                title, "you", OWN_TOKEN, method, path, body, 0, "200, or 401/403 with RingCentral's reason");
    }
}
