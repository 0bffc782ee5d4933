package dev.rcguard.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Main} in a JVM of its own, as a person runs it: what a mistake prints, and the exit code. */
class MainProcessTest {

    private record Run(int exitCode, String stdout, String stderr) {}

    private static Run run(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process process = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("Still running after 60 s: " + Files.readString(out));
        }
        return new Run(
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void aBadUsersFile_printsOneLineNamingTheLineAndField_andExits2(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(
                dir.resolve("users.json"), "{\"users\": [\n  {\"name\": \"a\", \"token\": \"t\", \"grants\": []}\n]}");

        Run run = run(dir, "--port", "0", "--users", file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr())
                .isEqualTo(file + ":2: users[0].grants: unknown field \"grants\" (known: name, token, accountId,"
                        + " extensionId, fixtures, granted, denied, features, expiredTokens)\n");
        assertThat(run.stdout()).isEmpty();
    }

    @Test
    void aMissingFixtureFile_isOneLineAndTheUsage_neverAStackTrace(@TempDir Path dir) throws Exception {
        Run run = run(dir, "--port", "0", "--features", "nope.json", "--authz-profile", "nope.json");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr())
                .startsWith("Cannot read fixture nope.json")
                .contains(Main.USAGE)
                .doesNotContain("\tat ");
    }

    @Test
    void aPortInUse_isOneLine_andExits1(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Run run = run(dir, "--port", String.valueOf(taken.getLocalPort()));

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.stderr())
                    .isEqualTo("Port " + taken.getLocalPort()
                            + " is already in use; start with --port N (another port, or 0 for a free one)\n");
        }
    }
}
