package dev.rcguard.simulator;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the project's {@code shared/ringcentral} folder by walking up from the working directory. */
final class SharedFolder {
    private SharedFolder() {}

    static Path ringCentral() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("ringcentral");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                "No shared/ringcentral above " + Path.of("").toAbsolutePath());
    }

    static Path featuresFixture() {
        return ringCentral().resolve("fixtures").resolve("features.json");
    }

    static Path authzProfileFixture() {
        return ringCentral().resolve("fixtures").resolve("authz-profile.json");
    }

    static Path openApiExcerpt() {
        return ringCentral().resolve("openapi-excerpt.json");
    }
}
