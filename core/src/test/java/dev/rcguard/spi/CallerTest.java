package dev.rcguard.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class CallerTest {

    @Test
    void readsABearerToken() {
        Caller caller = Caller.ofBearer("Bearer U0pDMDFQMDFQQVMwMHxBQUJ-x_y.z+w/=");
        assertThat(caller.accessToken()).isEqualTo("U0pDMDFQMDFQQVMwMHxBQUJ-x_y.z+w/=");
        assertThat(caller.accountId()).isEqualTo("~");
        assertThat(caller.extensionId()).isEqualTo("~");
        assertThat(Caller.ofBearer("bearer abc").accessToken()).isEqualTo("abc");
    }

    @Test
    void aWellFormedToken_isExactlyRfc6750sB64token() {
        Pattern b64token = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");
        String alphabet = "aZ09-._~+/= \"é\t%";
        Random random = new Random(17);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder token = new StringBuilder();
            for (int n = random.nextInt(8); n > 0; n--) {
                token.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertThat(Caller.isWellFormedToken(token.toString()))
                    .as("'%s'", token)
                    .isEqualTo(b64token.matcher(token).matches());
        }
        assertThat(Caller.isWellFormedToken("a".repeat(4096))).isTrue();
        assertThat(Caller.isWellFormedToken("a".repeat(4097))).isFalse();
        assertThat(Caller.isWellFormedToken("==")).isFalse();
        assertThat(Caller.isWellFormedToken(null)).isFalse();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(
            strings = {"", "Bearer", "Bearer ", "Basic dXNlcjpwdw==", "Bearer two words", "Bearer a\"b", "Token abc"})
    void anAbsentOrMalformedBearerIsNoCaller(String header) {
        assertThat(Caller.ofBearer(header)).isNull();
    }

    @Test
    void neverShowsTheToken() {
        Caller caller = Caller.of("s3cr3t-token");
        assertThat(caller.toString()).doesNotContain("s3cr3t").contains("sha256:");
        assertThat(caller.fingerprint()).doesNotContain("s3cr3t").hasSize(43);
    }

    @Test
    void sameTokenSameFingerprint() {
        assertThat(Caller.of("abc")).isEqualTo(Caller.of("abc")).isNotEqualTo(Caller.of("abd"));
    }

    @Test
    void idsAreDigitsOrTilde() {
        assertThat(Caller.of("abc", "123", "~").accountId()).isEqualTo("123");
        assertThatThrownBy(() -> Caller.of("abc", "12a", "~")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Caller.of("abc", "~", "../x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Caller.isExtensionId("~")).isTrue();
        assertThat(Caller.isExtensionId("0")).isTrue();
        assertThat(Caller.isExtensionId("1".repeat(20))).isTrue();
        for (String bad : new String[] {null, "", "~~", "~1", " 1", "1 ", "-1", "+1", "1".repeat(21), "١٢", "0x1"}) {
            assertThat(Caller.isExtensionId(bad)).as("%s", bad).isFalse();
        }
    }
}
