package dev.rcguard.demo;

import java.util.List;

/**
 * What the demo prints once it listens: where to look, who the demo users are, a {@code curl} command per
 * documented request with the answer to expect, and last the {@link #readyLine(Demo) ready line}.
 *
 * <pre>{@code
 * System.out.print(Banner.of(demo));
 * }</pre>
 */
final class Banner {

    private Banner() {}

    static String of(Demo demo) {
        String base = demo.baseUri().toString();
        String baseNoSlash = base.substring(0, base.length() - 1);
        StringBuilder out = new StringBuilder()
                .append("\nRingCentral Permission Guard demo is running.\n\n")
                .append("  Open:        ")
                .append(base)
                .append('\n');
        if (demo.simulator().isPresent()) {
            out.append("  RingCentral: simulator at ")
                    .append(demo.ringCentral())
                    .append(" (RingCentral's own mock data; calls counted at ")
                    .append(base)
                    .append("demo/counters)\n\n  Demo users:\n");
            List<DemoUser> users = demo.users();
            for (DemoUser user : users) {
                out.append(String.format("    %-6s token %-19s %s%n", user.name(), user.token(), user.story()));
            }
        } else {
            out.append("  RingCentral: ")
                    .append(demo.ringCentral())
                    .append(" (real; export RC_TOKEN=<your access token>)\n");
        }
        out.append("\n  Try these (expected answer above each):\n");
        for (DemoCase demoCase : demo.cases()) {
            out.append("\n    # ")
                    .append(demoCase.title())
                    .append(" -> ")
                    .append(demoCase.expect())
                    .append("\n    ")
                    .append(demoCase.curl(baseNoSlash))
                    .append('\n');
        }
        out.append("\n    # the guard's live numbers: checks by outcome, calls needed, made and saved, latency\n")
                .append("    curl ")
                .append(base)
                .append("demo/numbers\n");
        if (demo.signInEnabled()) {
            signIn(out, baseNoSlash, demo.tokenLifetime().toSeconds());
        }
        return out.append("\n").append(readyLine(demo)).append('\n').toString();
    }

    /** The banner's last line, and the sign for a script that waits: the demo answers now. */
    static String readyLine(Demo demo) {
        return "Ready: open " + demo.baseUri() + " (Ctrl-C stops it)";
    }

    /** The application at /session: signing in with RingCentral, with curl and a cookie jar. */
    private static void signIn(StringBuilder out, String base, long lifetime) {
        String app = base + Demo.SESSION_APP;
        out.append("\n  Signed in with RingCentral: the same pages at ")
                .append(app)
                .append("/..., the tokens in the HTTP session\n")
                .append("  (access tokens live ")
                .append(lifetime)
                .append(" s; the guard refreshes them on expiry). On the page: the login panel. With curl:\n")
                .append(
                        "\n    # alice signs in: RingCentral's sign-in and the callback, by redirects; 200 at the page\n")
                .append("    curl -sL -c cookies.txt -b cookies.txt -o /dev/null -w '%{http_code}\\n' '")
                .append(app)
                .append("/login?user=alice'\n")
                .append("    curl -i -b cookies.txt ")
                .append(app)
                .append("/api/messages\n")
                .append("\n    # expire her access token now; the next request is still 200: the guard refreshed it\n")
                .append("    curl -X POST -b cookies.txt ")
                .append(app)
                .append("/demo/expire\n")
                .append("    curl -i -b cookies.txt ")
                .append(app)
                .append("/reports/call-volume\n")
                .append("    curl -b cookies.txt ")
                .append(app)
                .append("/demo/session    # \"refreshesInThisSession\":1, no token\n")
                .append("\n    # sign out; then 401\n")
                .append("    curl -i -X POST -b cookies.txt ")
                .append(app)
                .append("/logout\n");
    }
}
