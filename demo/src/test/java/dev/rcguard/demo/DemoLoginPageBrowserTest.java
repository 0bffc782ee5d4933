package dev.rcguard.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rcguard.simulator.OAuthGrant;
import dev.rcguard.simulator.RingCentralSimulator;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page's login panel in a real headless Chromium, against a demo of its own (alice's budgets stay the other browser
 * test's): Chromium follows the sign-in's redirects ({@code /session/login?user=alice&then=/?session=run#login}) to
 * RingCentral (the simulator) and back to the page, which calls the three pages of the application at {@code /session}
 * with the session cookie, expires the access token, calls them again and shows the refresh. Skipped, saying why, where
 * {@code /usr/bin/chromium} is missing.
 */
class DemoLoginPageBrowserTest {

    private static Demo demo;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Chromium.installed(), Chromium.MISSING);
        demo = Demo.start(DemoOptions.simulatorOnFreePort());
    }

    @AfterAll
    static void stop() {
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    void theLoginPanelSignsInWithRingCentral_andTheThreePagesAnswer200AcrossAnExpiry_withTheRefreshShown(
            @TempDir Path profile) throws Exception {
        RingCentralSimulator simulator = demo.simulator().orElseThrow();
        String then = URLEncoder.encode("/?session=run#login", StandardCharsets.UTF_8);

        String dom = Chromium.run(demo, profile, "session/login?user=alice&then=" + then, "--dump-dom");

        Matcher panel = Pattern.compile("<section id=\"login\".*?</section>", Pattern.DOTALL)
                .matcher(dom);
        assertThat(panel.find()).as("login panel").isTrue();
        String login = panel.group();
        assertThat(login).contains("data-done=\"true\"").doesNotContain("<section id=\"login\" hidden");
        assertThat(login).contains("<strong id=\"login-who\">alice</strong>");
        assertThat(login).contains("<div id=\"login-out\" hidden=\"\">");
        for (int i = 1; i <= 3; i++) {
            Matcher card = Pattern.compile(
                            "<article class=\"case\" id=\"login-page-" + i + "\".*?</article>", Pattern.DOTALL)
                    .matcher(login);
            assertThat(card.find()).as("page " + i).isTrue();
            assertThat(card.group())
                    .contains("data-status=\"200\"")
                    .contains("Content-Type: application/json")
                    .contains("(the session cookie, no Authorization header)");
        }
        assertThat(login).contains("\"subject\": \"Lunch at noon?\"", "\"unread\": 2", "\"inbound\": 128");
        assertThat(login)
                .contains("<p id=\"login-summary\">3 of 3 answered 200. The session's access token had expired: the"
                        + " guard refreshed it during these requests (refreshes of this session: 0 → 1; refresh"
                        + " calls RingCentral received: 1).</p>");
        assertThat(login).containsPattern("<td id=\"login-refreshes\" class=\"refreshed\">1 \\(the last at ");
        assertThat(login).contains("<td id=\"login-guard-refreshes\">1</td>");
        assertThat(login).contains("<td id=\"login-rc\">1 sign-in(s), 1 refresh call(s)</td>");
        assertThat(login).contains("<td id=\"login-auth\">3 of 5</td>");
        assertThat(login).containsPattern("<td id=\"login-expiry\" class=\"\">in \\d+ s, at ");
        // the application at /session counts its own checks: the three pages, twice, all granted (the second time
        // after the refresh: one check each, though each asked RingCentral twice)
        assertThat(login)
                .contains("<code class=\"application\">/session</code>")
                .contains("<td data-n=\"checks\">6</td>")
                .contains("<td data-n=\"granted\">6</td>")
                .contains("<td data-n=\"unauthenticated\">0</td>");
        assertThat(simulator.counters().tokenCalls(OAuthGrant.AUTHORIZATION_CODE))
                .isEqualTo(1);
        assertThat(simulator.counters().tokenCalls(OAuthGrant.REFRESH_TOKEN)).isEqualTo(1);
        List<String> issued = simulator.userByLogin("alice").tokens().stream()
                .filter(token -> !token.equals(DemoUser.ALICE.token()))
                .toList();
        assertThat(issued).hasSize(2); // the sign-in's access token and the refreshed one
        issued.forEach(token -> assertThat(dom).doesNotContain(token));
        assertThat(dom).doesNotContain(simulator.clientSecret());
    }
}
