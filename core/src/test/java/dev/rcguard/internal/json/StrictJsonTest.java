package dev.rcguard.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrictJsonTest {

    static Object parse(String text) {
        return StrictJson.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsRingCentralsAnswer() {
        Object answer = parse(
                " {\"successful\":true,\"details\":{\"permission\":{\"id\":\"ReadMessages\"},"
                        + "\"scopes\":[\"Self\",\"Account\"]},\"n\":-1.5e3,\"x\":null,\"s\":\"a\\u00e9\\ud83d\\ude00\\n\"}\r\n");

        assertThat(answer).isInstanceOf(Map.class);
        Map<?, ?> map = (Map<?, ?>) answer;
        assertThat(map.get("successful")).isEqualTo(Boolean.TRUE);
        assertThat(((Map<?, ?>) ((Map<?, ?>) map.get("details")).get("permission")).get("id"))
                .isEqualTo("ReadMessages");
        assertThat(((Map<?, ?>) map.get("details")).get("scopes")).isEqualTo(List.of("Self", "Account"));
        assertThat(map.get("n")).isEqualTo(new StrictJson.Number("-1.5e3"));
        assertThat(map.get("x")).isSameAs(StrictJson.NULL);
        assertThat(map.get("s")).isEqualTo("aé😀\n");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"successful\":false,\"successful\":true}",
                "{\"details\":{\"permission\":{\"id\":\"Other\",\"id\":\"ReadMessages\"}}}",
                "{\"records\":[],\"records\":[{\"id\":\"A\",\"available\":true}]}",
                "{\"a\":1}{\"successful\":false}",
                "{\"a\":1} x",
                "{\"a\":1},",
                "{\"a\":1",
                "{\"a\":[1,{\"x\":",
                "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
                "{\"a\":\"\\ud800\"}",
                "{\"a\":\"\\udc00\\ud800\"}",
                "{\"a\":\"tab\tinside\"}",
                "{\"a\":\"\\x\"}",
                "{'a':1}",
                "{\"a\":01}",
                "{\"a\":1.}",
                "{\"a\":.5}",
                "{\"a\":+1}",
                "{\"a\":True}",
                "{\"a\":1,}",
                "[1,]",
                "",
                "   ",
                "\uFEFF{\"a\":1}"
            })
    void refusesWhatIsNotExactlyOneStrictValue(String text) {
        assertThatThrownBy(() -> parse(text)).isInstanceOf(MalformedJsonException.class);
    }

    @Test
    void refusesBytesThatAreNotUtf8() {
        byte[] invalid = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        byte[] overlong = {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'};
        byte[] encodedSurrogate = {'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'};

        for (byte[] bytes : List.of(invalid, overlong, encodedSurrogate)) {
            assertThatThrownBy(() -> StrictJson.parse(bytes)).isInstanceOf(MalformedJsonException.class);
        }
    }

    @Test
    void aLongTruncatedAnswerIsRefusedInOnePass() {
        String deep = "{\"successful\":true,\"future\":" + "[".repeat(20) + "1,".repeat(200_000);

        assertThatThrownBy(() -> parse(deep)).isInstanceOf(MalformedJsonException.class);
    }
}
