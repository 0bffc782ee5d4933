package dev.rcguard.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import jakarta.json.bind.JsonbBuilder;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.junit.jupiter.api.Test;

/** A platform without MicroProfile Rest Client or JSON-B fails at start-up with one message that says what to add. */
class PlatformTest {

    @Test
    void aCompletePlatformPasses() {
        assertThatCode(Platform::requireRestClientAndJsonb).doesNotThrowAnyException();
    }

    @Test
    void withoutMicroProfileRestClient_theMessageNamesItAndHowToAddIt() throws Exception {
        Throwable failure = requireOn(jarOf(Platform.class), jarOf(JsonbBuilder.class));

        assertThat(failure.getClass().getName()).isEqualTo("dev.rcguard.MissingPlatformException");
        assertThat(failure.getMessage())
                .startsWith("RingCentral guard cannot start: MicroProfile Rest Client is missing")
                .contains("org.eclipse.microprofile.rest.client.RestClientBuilder")
                .contains("mpRestClient-3.0")
                .contains("org.jboss.resteasy.microprofile:microprofile-rest-client");
    }

    @Test
    void withTheRestClientApiButNoImplementation_theMessageSaysTheSame() throws Exception {
        Throwable failure = requireOn(jarOf(Platform.class), jarOf(JsonbBuilder.class), jarOf(RestClientBuilder.class));

        assertThat(failure.getMessage())
                .startsWith("RingCentral guard cannot start: MicroProfile Rest Client is missing");
    }

    /** Runs the check in a class loader that sees only {@code urls} and the JDK; answers what it threw. */
    private static Throwable requireOn(URL... urls) throws Exception {
        try (URLClassLoader platform = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
            Class<?> check = platform.loadClass(Platform.class.getName());
            check.getMethod("requireRestClientAndJsonb").invoke(null);
        } catch (InvocationTargetException e) {
            return e.getCause();
        }
        throw new AssertionError("the check passed on an incomplete platform");
    }

    private static URL jarOf(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }
}
