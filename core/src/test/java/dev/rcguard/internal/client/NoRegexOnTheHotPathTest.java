package dev.rcguard.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rcguard.spi.RingCentralClient.Answer;
import dev.rcguard.spi.RingCentralClient.RateLimit;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every live answer is read by three checks that were regular expressions (issue 17: none on the hot path). Each
 * loop that replaced one gives, on 20,000 strings generated from the pieces that matter, what the expression gives.
 */
class NoRegexOnTheHotPathTest {

    private static final int CASES = 20_000;

    @Test
    void aCheckAnswersUri_isReadAsTheExpressionFoundIt() {
        Pattern expression =
                Pattern.compile("/restapi/v1\\.0/account/([0-9]{1,20})/extension/([0-9]{1,20})/authz-profile/check\\?");
        String[] pieces = {
            "https://platform.ringcentral.com",
            "/restapi/v1.0/account/",
            "/extension/",
            "/authz-profile/check?",
            "/authz-profile/check",
            "/restapi/v1x0/account/",
            "~",
            "/",
            "1",
            "42",
            "9".repeat(20),
            "9".repeat(21),
            "0",
            "a",
            "permissionId=ReadMessages",
            "&",
            "\u0661" // an Arabic-Indic digit: not [0-9]
        };
        Random random = new Random(17);
        int found = 0;
        for (int i = 0; i < CASES; i++) {
            StringBuilder uri = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) {
                uri.append(pieces[random.nextInt(pieces.length)]);
            }
            if (random.nextInt(4) == 0) { // often enough a whole path, with or without what surrounds it
                uri.append("/restapi/v1.0/account/")
                        .append(pieces[8 + random.nextInt(6)])
                        .append("/extension/")
                        .append(pieces[8 + random.nextInt(6)])
                        .append(pieces[3 + random.nextInt(2)])
                        .append(pieces[14]);
            }
            Matcher matcher = expression.matcher(uri);
            Answers.CheckPath path = Answers.CheckPath.in(uri.toString());
            if (matcher.find()) {
                found++;
                assertThat(path)
                        .as(uri.toString())
                        .isEqualTo(new Answers.CheckPath(matcher.group(1), matcher.group(2), matcher.end()));
                assertThat(Answers.user(uri.toString())).isEqualTo(matcher.group(1) + '/' + matcher.group(2));
            } else {
                assertThat(path).as(uri.toString()).isNull();
                assertThat(Answers.user(uri.toString())).isNull();
            }
        }
        assertThat(found).as("cases in which the expression found a path").isGreaterThan(CASES / 40);
        assertThat(Answers.user(42)).isNull();
    }

    @Test
    void anAnswersUser_isAcceptedAsTheExpressionMatchedIt() {
        Pattern expression = Pattern.compile("[0-9]{1,20}/[0-9]{1,20}");
        Random random = new Random(17);
        int accepted = 0;
        for (int i = 0; i < CASES; i++) {
            String user = digits(random)
                    + pick(random, "/", "/", "/", "//", "", "a", "/1/")
                    + digits(random)
                    + pick(random, "", "", "", " ", "/", "x", "\u0661");
            boolean matches = expression.matcher(user).matches();
            accepted += matches ? 1 : 0;
            assertThat(accepts(() -> new Answer(Map.of(), null, user)))
                    .as("'%s'", user)
                    .isEqualTo(matches);
        }
        assertThat(accepted).as("users accepted").isGreaterThan(CASES / 20);
        assertThat(accepts(() -> new Answer(Map.of(), null, "9".repeat(20) + "/" + "9".repeat(20))))
                .isTrue();
        assertThat(accepts(() -> new Answer(Map.of(), null, "9".repeat(21) + "/1")))
                .isFalse();
    }

    @Test
    void aRateLimitGroup_isAcceptedAsTheExpressionMatchedIt() {
        Pattern expression = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,31}");
        Random random = new Random(17);
        int accepted = 0;
        for (int i = 0; i < CASES; i++) {
            String group = generated(random, "LightMzZ09_- .é[`{@", 36);
            boolean matches = expression.matcher(group).matches();
            accepted += matches ? 1 : 0;
            assertThat(accepts(() -> new RateLimit(group, 50, 1, Duration.ofSeconds(60))))
                    .as("'%s'", group)
                    .isEqualTo(matches);
        }
        assertThat(accepted).as("groups accepted").isGreaterThan(CASES / 20);
        assertThat(accepts(() -> new RateLimit("L" + "x".repeat(31), 50, 1, Duration.ofSeconds(60))))
                .isTrue();
        assertThat(accepts(() -> new RateLimit("L" + "x".repeat(32), 50, 1, Duration.ofSeconds(60))))
                .isFalse();
        assertThat(accepts(() -> new RateLimit(null, 50, 1, Duration.ofSeconds(60))))
                .isFalse();
    }

    /** 0 to 22 digits. */
    private static String digits(Random random) {
        StringBuilder digits = new StringBuilder();
        for (int n = random.nextInt(23); n > 0; n--) {
            digits.append((char) ('0' + random.nextInt(10)));
        }
        return digits.toString();
    }

    private static String pick(Random random, String... choices) {
        return choices[random.nextInt(choices.length)];
    }

    /** Up to {@code longest} characters of {@code alphabet}, short ones most often. */
    private static String generated(Random random, String alphabet, int longest) {
        StringBuilder text = new StringBuilder();
        for (int n = random.nextInt(random.nextBoolean() ? 6 : longest); n > 0; n--) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    private static boolean accepts(Runnable construction) {
        try {
            construction.run();
            return true;
        } catch (IllegalArgumentException refused) {
            return false;
        }
    }
}
