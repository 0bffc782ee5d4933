package dev.rcguard.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files the tests need, all inside this module: RingCentral's OpenAPI excerpt and the bundled fixtures. */
final class TestFiles {
    private TestFiles() {}

    /** RingCentral's official OpenAPI excerpt (see {@code src/test/resources/ringcentral/NOTICE}). */
    static String openApiExcerpt() {
        return new String(bytes("/ringcentral/openapi-excerpt.json"), StandardCharsets.UTF_8);
    }

    /** The bundled features fixture, written to a file under {@code dir} (as a user would pass it). */
    static Path featuresFixture(Path dir) {
        return copy(Fixtures.BUNDLED_FEATURES, dir.resolve("features.json"));
    }

    /** The bundled authz-profile fixture, written to a file under {@code dir}. */
    static Path authzProfileFixture(Path dir) {
        return copy(Fixtures.BUNDLED_AUTHZ_PROFILE, dir.resolve("authz-profile.json"));
    }

    static byte[] bytes(String resource) {
        try (InputStream in = TestFiles.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path copy(String resource, Path file) {
        try {
            return Files.write(file, bytes(resource));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
