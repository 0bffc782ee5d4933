package dev.rcguard.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rcguard.internal.http.HttpResponse;
import dev.rcguard.spi.RingCentralClient.RateLimit;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the guard reads of RingCentral's {@code X-Rate-Limit-*} headers, and what it refuses to believe. (Names arrive
 * lower-cased whatever their case on the wire: {@code ResponseReader}.)
 */
class RateLimitHeadersTest {

    static HttpResponse answer(String group, String limit, String remaining, String window) {
        Map<String, List<String>> headers = new HashMap<>();
        headers.put("content-type", List.of("application/json"));
        put(headers, "x-rate-limit-group", group);
        put(headers, "x-rate-limit-limit", limit);
        put(headers, "x-rate-limit-remaining", remaining);
        put(headers, "x-rate-limit-window", window);
        String body = "{\"uri\":\"https://platform.ringcentral.com/restapi/v1.0/account/37439510/extension/"
                + "2473848/authz-profile/check?permissionId=ReadMessages&targetExtensionId=2473848\","
                + "\"successful\":true,\"details\":{\"permission\":{\"id\":\"ReadMessages\"}}}";
        return new HttpResponse(200, headers, body.getBytes(StandardCharsets.UTF_8), true);
    }

    private static void put(Map<String, List<String>> headers, String name, String value) {
        if (value != null) {
            headers.put(name, List.of(value.split("\\|", -1)));
        }
    }

    @Test
    void readsTheBudget_andTheUserTheUriNames() {
        var read = Answers.permission("ReadMessages", answer("Light", "50", "47", "60"), "t");

        assertThat(read.rateLimit()).isEqualTo(new RateLimit("Light", 50, 47, Duration.ofSeconds(60)));
        assertThat(read.user()).isEqualTo("37439510/2473848");
        assertThat(read.decision("ReadMessages").isGranted()).isTrue();
    }

    @ParameterizedTest(name = "group={0} limit={1} remaining={2} window={3}")
    @CsvSource(
            nullValues = "null",
            value = {
                "null, 50, 47, 60", // one header missing
                "Light, null, 47, 60",
                "Light, 50, null, 60",
                "Light, 50, 47, null",
                "Light|Light, 50, 47, 60", // repeated
                "Light, 50|50, 47, 60",
                "'', 50, 47, 60", // empty
                "Li ght, 50, 47, 60", // not a word
                "Light, -50, 47, 60", // not a count
                "Light, 5e1, 47, 60",
                "Light, 0, 0, 60", // no budget at all
                "Light, 50, 51, 60", // more left than the limit
                "Light, 9999999999, 47, 60", // too long
                "Light, 50, 47, 0", // no window
                "Light, 50, 47, 86401", // longer than a day
            })
    void headersThatDisagreeOrDoNotParse_areNotBelieved(String group, String limit, String remaining, String window) {
        var read = Answers.permission("ReadMessages", answer(group, limit, remaining, window), "t");

        assertThat(read.rateLimit()).isNull();
        assertThat(read.decision("ReadMessages").isGranted()).isTrue(); // the grant itself does not depend on them
    }

    @Test
    void aUriThatNamesNoUser_orOneOfAnotherShape_namesNobody() {
        assertThat(Answers.user(null)).isNull();
        assertThat(Answers.user(42)).isNull();
        assertThat(Answers.user(
                        "https://platform.ringcentral.com/restapi/v1.0/account/~/extension/~/authz-profile/check?"))
                .isNull();
        assertThat(Answers.user("/restapi/v1.0/account/1/extension/2/features?featureId=X"))
                .isNull();
        assertThat(Answers.user("/restapi/v1.0/account/123456789012345678901/extension/2/authz-profile/check?"))
                .isNull();
    }
}
