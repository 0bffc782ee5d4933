package dev.rcguard.internal.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rcguard.ConfigurationException;
import dev.rcguard.TokenSource;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ready-made token sources, and what {@code rcguard.token-source} accepts. */
class TokenSourcesTest {

    static final ClassLoader LOADER = TokenSourcesTest.class.getClassLoader();

    static TokenSource.Request request(
            Map<String, String> headers, Map<String, Object> attributes, Map<String, Object> session) {
        return TokenSource.Request.of(headers::get, attributes::get, session::get);
    }

    /** A token object of the application's, such as its login keeps. */
    public record Login(String accessToken, String refreshToken) {}

    /** A bean-style token object. */
    public static final class BeanLogin {
        public String getAccessToken() {
            return "bean-token";
        }
    }

    /** The application's own source. */
    public static final class FromLoginAttribute implements TokenSource {
        @Override
        public String accessToken(Request request) {
            return request.attribute("login") instanceof Login login ? login.accessToken() : null;
        }
    }

    @Test
    void header_readsABearerCredentialOnly() {
        TokenSource header = TokenSources.of("header", LOADER, null);
        assertThat(header.accessToken(request(Map.of("Authorization", "Bearer abc"), Map.of(), Map.of())))
                .isEqualTo("abc");
        assertThat(header.accessToken(request(Map.of("Authorization", "bearer  abc "), Map.of(), Map.of())))
                .isEqualTo("abc");
        assertThat(header.accessToken(request(Map.of("Authorization", "Basic abc"), Map.of(), Map.of())))
                .isNull();
        assertThat(header.accessToken(request(Map.of(), Map.of(), Map.of()))).isNull();
    }

    @Test
    void sessionAndRequestAttributes_holdTheToken_orATokenObject() {
        TokenSource session = TokenSources.of("session-attribute:rc.tokens", LOADER, null);
        TokenSource attribute = TokenSources.of(" request-attribute: rc.token ", LOADER, null);

        assertThat(session.accessToken(request(Map.of(), Map.of(), Map.of("rc.tokens", "plain"))))
                .isEqualTo("plain");
        assertThat(session.accessToken(request(
                        Map.of(),
                        Map.of(),
                        Map.of("rc.tokens", Map.of("access_token", "from-answer", "expires_in", 3599)))))
                .isEqualTo("from-answer");
        assertThat(session.accessToken(request(Map.of(), Map.of(), Map.of("rc.tokens", new Login("record", "r")))))
                .isEqualTo("record");
        assertThat(session.accessToken(request(Map.of(), Map.of(), Map.of("rc.tokens", new BeanLogin()))))
                .isEqualTo("bean-token");
        assertThat(session.accessToken(request(Map.of(), Map.of(), Map.of("rc.tokens", 42))))
                .isNull();
        assertThat(session.accessToken(request(Map.of("Authorization", "Bearer header"), Map.of(), Map.of())))
                .as("the header is not this source")
                .isNull();
        assertThat(attribute.accessToken(request(Map.of(), Map.of("rc.token", "attr"), Map.of())))
                .isEqualTo("attr");
    }

    @Test
    void class_isTheApplicationsOwnSource() {
        TokenSource own = TokenSources.of("class:" + FromLoginAttribute.class.getName(), LOADER, null);

        assertThat(own.accessToken(request(Map.of(), Map.of("login", new Login("mine", null)), Map.of())))
                .isEqualTo("mine");
    }

    @Test
    void aSettingOfAnotherForm_orAClassThatIsNotASource_failsStartUpNamingTheKey() {
        for (String bad : new String[] {
            "cookie:rc",
            "session-attribute:",
            "session-attribute:a b",
            "class:no.such.Source",
            "class:",
            "class:" + Login.class.getName(),
            "class:java.lang.Runnable"
        }) {
            assertThatThrownBy(() -> TokenSources.of(bad, LOADER, null))
                    .as(bad)
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("rcguard.token-source");
        }
    }
}
