package dev.rcguard.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page at {@code /} in a real headless Chromium: it runs every documented request ({@code ?run=all}) and shows
 * each status and problem+json body beside the simulator's call counter; and its burst panel ({@code ?burst=alice})
 * fires 100 requests for one user and shows the calls made, the decisions reused and no 429; beside the requests, the
 * live numbers panel shows what {@code /demo/numbers} says after them. Skipped, saying why, where
 * {@code /usr/bin/chromium} is missing; {@code .ci/run} installs it so it never skips there.
 */
class DemoPageBrowserTest {

    private static final Path SCREENSHOT = Path.of("target", "demo-page.png");

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
    void thePageRunsEveryRequest_andShowsStatusBodyAndCounterSideBySide(@TempDir Path profile) throws Exception {
        String dom = chromium(profile, "?run=all", "--dump-dom");

        assertThat(dom).contains("data-done=\"true\"");
        assertThat(dom).contains("10 of 10 requests answered as expected.");
        List<DemoCase> cases = demo.cases();
        for (int i = 0; i < cases.size(); i++) {
            assertThat(card(dom, i + 1))
                    .as(cases.get(i).title())
                    .contains("data-status=\"" + cases.get(i).status() + "\"")
                    .contains(cases.get(i).method() + " " + cases.get(i).path())
                    .contains("as expected")
                    .containsPattern("RingCentral calls: \\d+ → \\d+ \\(\\+\\d+ for this request\\)");
        }
        assertThat(card(dom, 2))
                .contains("application/problem+json")
                .contains("urn:rcguard:permission-denied")
                .contains("Permission ReadMessages is not granted");
        assertThat(card(dom, 5)).contains("ServicePlanLimitation");
        assertThat(card(dom, 10)).contains("RingCentral calls: ").contains("(+0 for this request)");
        assertThat(dom).contains("alice-token").contains("400100200304").contains("his access token has expired");

        // beside the requests, the application's numbers as GET /demo/numbers has them now, after the last request
        Matcher aside = Pattern.compile("<div id=\"numbers\">.*?</aside>", Pattern.DOTALL)
                .matcher(dom);
        assertThat(aside.find()).as("numbers panel").isTrue();
        String panel = aside.group();
        JsonObject numbers = Http.object(Http.get(demo.baseUri().resolve("/demo/numbers")));
        JsonObject outcomes = numbers.getJsonObject("outcomes");
        JsonObject calls = numbers.getJsonObject("calls");
        JsonObject latency = numbers.getJsonObject("latencyMs");
        assertThat(panel).contains("<code class=\"application\">/</code>");
        assertThat(shown(panel, "checks")).isEqualTo(String.valueOf(numbers.getInt("checks")));
        for (String outcome : List.of("granted", "denied", "unauthenticated", "unavailable")) {
            assertThat(shown(panel, outcome)).as(outcome).isEqualTo(String.valueOf(outcomes.getInt(outcome)));
        }
        assertThat(shown(panel, "needed")).isEqualTo(String.valueOf(calls.getInt("needed")));
        assertThat(shown(panel, "made")).isEqualTo(String.valueOf(calls.getInt("made")));
        assertThat(shown(panel, "saved")).isEqualTo(String.valueOf(calls.getInt("saved")));
        assertThat(shown(panel, "reused")).isEqualTo(String.valueOf(calls.getInt("reusedDecisions")));
        assertThat(shown(panel, "refused")).isEqualTo(String.valueOf(calls.getInt("refusedForBudget")));
        for (String percentile : List.of("p50", "p95", "max")) {
            assertThat(shown(panel, percentile))
                    .as(percentile)
                    .isEqualTo(String.format(
                            Locale.ROOT,
                            "%.3f",
                            latency.getJsonNumber(percentile).doubleValue()));
        }
        assertThat(panel).contains("(latest " + latency.getInt("checks") + " checks)");
        JsonObject upstream = numbers.getJsonObject("upstreamMs");
        assertThat(panel).contains("(" + upstream.getInt("calls") + " calls)");
        assertThat(upstream.getInt("calls")).isEqualTo(calls.getInt("made"));
        for (String statistic : List.of("mean", "max")) {
            assertThat(shown(panel, "upstream-" + statistic))
                    .as(statistic)
                    .isEqualTo(String.format(
                            Locale.ROOT,
                            "%.3f",
                            upstream.getJsonNumber(statistic).doubleValue()));
        }
        // the ten requests' own checks, at least (another test of this class may have run first)
        assertThat(numbers.getInt("checks")).isGreaterThanOrEqualTo(10);
        assertThat(outcomes.getInt("granted")).isGreaterThanOrEqualTo(4);
        assertThat(outcomes.getInt("denied")).isGreaterThanOrEqualTo(4);
        assertThat(outcomes.getInt("unauthenticated")).isGreaterThanOrEqualTo(2);
        assertThat(panel).contains("<tr class=\"would-refuse\" hidden=\"\">"); // enforce mode: nothing let through
    }

    /** What the numbers panel shows for {@code name}. */
    private static String shown(String panel, String name) {
        Matcher cell =
                Pattern.compile("<td data-n=\"" + name + "\">([^<]*)</td>").matcher(panel);
        assertThat(cell.find()).as(name).isTrue();
        return cell.group(1);
    }

    @Test
    void theScreenshotShowsTheHeaderTheGrantedAndTheRefusedAnswers(@TempDir Path profile) throws Exception {
        Files.deleteIfExists(SCREENSHOT);

        chromium(profile, "?run=all", "--screenshot=" + SCREENSHOT.toAbsolutePath(), "--window-size=1280,2400");

        BufferedImage image = ImageIO.read(SCREENSHOT.toFile());
        assertThat(image.getWidth()).isEqualTo(1280);
        assertThat(count(image, 0xff8800)).as("orange header rule").isGreaterThan(1000);
        assertThat(count(image, 0xd6f5dd)).as("green 200 status badges").isGreaterThan(500);
        assertThat(count(image, 0xfde2e1)).as("red 401/403 status badges").isGreaterThan(500);
        assertThat(count(image, 0xf5f6fa)).as("response body panels").isGreaterThan(50_000);
    }

    @Test
    void theBurstPanelFiresOneUsersRequests_andShowsCallsMadeDecisionsReusedBudgetsAndNo429(@TempDir Path profile)
            throws Exception {
        String dom = chromium(profile, "?burst=alice", "--dump-dom");

        Matcher panel = Pattern.compile("<section id=\"burst\".*?</section>", Pattern.DOTALL)
                .matcher(dom);
        assertThat(panel.find()).as("burst panel").isTrue();
        String burst = panel.group();
        assertThat(burst).contains("data-done=\"true\"").doesNotContain(" hidden");
        assertThat(burst).contains("(100 of 100)").contains("<td data-status=\"200\">100</td>");
        assertThat(burst).contains("<td data-status=\"503\">0</td>").contains("<td data-status=\"other\">0</td>");
        assertThat(burst).contains("<td id=\"burst-429\" class=\"zero\">0</td>");
        int calls = number(burst, "<td id=\"burst-calls\">\\+(\\d+)</td>");
        int reused = number(burst, "<td id=\"burst-reused\">\\+(\\d+)</td>");
        // the guard's share of alice's 50 Light calls a minute: a burst of 5, then one every 3 s
        assertThat(calls).isBetween(0, 5 + 10 / 3 + 1);
        assertThat(reused).isPositive().isLessThanOrEqualTo(100 - calls); // requests in flight together share a call
        assertThat(burst).containsPattern("<td class=\"rc\">(2[5-9]|[34]\\d|50) of 50</td>"); // at least 25 left
        assertThat(burst).contains("100 requests, " + calls + " calls to RingCentral, " + reused + " decisions reused");
    }

    private static int number(String html, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(html);
        assertThat(matcher.find()).as(regex).isTrue();
        return Integer.parseInt(matcher.group(1));
    }

    private static String chromium(Path profile, String query, String... output)
            throws IOException, InterruptedException {
        return Chromium.run(demo, profile, query, output);
    }

    /** The markup of the n-th request's card. */
    private static String card(String dom, int n) {
        Matcher card = Pattern.compile("<article class=\"case\" id=\"case-" + n + "\".*?</article>", Pattern.DOTALL)
                .matcher(dom);
        assertThat(card.find()).as("card " + n).isTrue();
        return card.group();
    }

    private static int count(BufferedImage image, int rgb) {
        int found = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    found++;
                }
            }
        }
        return found;
    }
}
