package dev.rcguard.demo;

import java.util.List;

/**
 * What the demo prints once it listens: where to look, who the demo users are, and a {@code curl} command per
 * documented request with the answer to expect.
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
        return out.append("\nStop with Ctrl-C.\n").toString();
    }
}
