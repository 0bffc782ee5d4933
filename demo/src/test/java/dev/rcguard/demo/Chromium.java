package dev.rcguard.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Debian's headless Chromium ({@code /usr/bin/chromium}) over a page of a running demo, for the browser tests. */
final class Chromium {

    static final Path PATH = Path.of("/usr/bin/chromium");

    static final String MISSING =
            "Browser test skipped: /usr/bin/chromium is missing (apt-get install chromium; .ci/run installs it)";

    private Chromium() {}

    static boolean installed() {
        return Files.isExecutable(PATH);
    }

    /**
     * Opens {@code demo}'s {@code query} (a path and query after the base URI) in a fresh profile and returns what
     * Chromium wrote to its output ({@code --dump-dom}: the DOM once the page's scripts ran, in up to 30 s of virtual
     * time).
     */
    static String run(Demo demo, Path profile, String query, String... output)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                PATH.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile,
                "--virtual-time-budget=30000"));
        command.addAll(List.of(output));
        command.add(demo.baseUri() + query);
        Path log = Files.createTempFile(profile, "chromium", ".log");
        Process browser = new ProcessBuilder(command)
                .redirectError(log.toFile())
                .redirectOutput(ProcessBuilder.Redirect.PIPE)
                .start();
        byte[] stdout = browser.getInputStream().readAllBytes();
        assertThat(browser.waitFor(180, TimeUnit.SECONDS))
                .as("chromium finished")
                .isTrue();
        assertThat(browser.exitValue()).as(Files.readString(log)).isZero();
        return new String(stdout, StandardCharsets.UTF_8);
    }
}
