package dev.rcguard.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    }
}
