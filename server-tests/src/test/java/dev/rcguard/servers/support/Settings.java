package dev.rcguard.servers.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** What the pom hands the tests (system properties set by surefire), checked once. */
public final class Settings {

    private Settings() {}

    /** An unpacked server or a file the servers profile put under {@code target/servers}. */
    public static Path server(String property) {
        Path path = Path.of(required(property));
        if (!Files.exists(path)) {
            throw new IllegalStateException(path + " (" + property + ") does not exist: run with -Pservers, which "
                    + "downloads the servers (./mvnw -pl server-tests -am verify -Pservers)");
        }
        return path;
    }

    /** A fresh, empty folder for one run of one server: its base directory, logs and deployments. */
    public static Path runDirectory(String name) {
        Path dir = Path.of(required("rcguard.servers.dir"), name);
        try {
            Files.createDirectories(dir.getParent());
            FileTree.delete(dir);
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code target/runs}, where each run's folder is. */
    public static Path runsDirectory() {
        try {
            return Files.createDirectories(Path.of(required("rcguard.servers.dir")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How long a server may take to start: generous, the machine is shared. */
    public static Duration startupTimeout() {
        return Duration.ofSeconds(Long.parseLong(System.getProperty("rcguard.servers.startup-timeout", "240")));
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + property + " is not set: run through Maven with "
                    + "-Pservers (./mvnw -pl server-tests -am verify -Pservers)");
        }
        return value;
    }
}
