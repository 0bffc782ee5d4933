package dev.rcguard.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link DemoMain} in a JVM of its own, as a person runs it: its output, its exit codes, and stopping it. */
class DemoMainTest {

    private static Process launch(int port) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        DemoMain.class.getName(),
                        "--port",
                        Integer.toString(port))
                .redirectErrorStream(true)
                .start();
    }

    @Test
    void aTakenPortEndsTheDemoWithOneClearLineAndExitCode1() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Process demo = launch(taken.getLocalPort());

            assertThat(demo.waitFor(120, TimeUnit.SECONDS)).isTrue();
            String output = new String(demo.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(demo.exitValue()).isEqualTo(1);
            assertThat(output)
                    .contains("Port " + taken.getLocalPort()
                            + " is already in use; start with --port N (with Maven: -Ddemo.port=N)\n")
                    .doesNotContain("Exception")
                    .doesNotContain("\tat ");
        }
    }

    @Test
    void ctrlCStopsTheServerAndTheSimulatorCleanly() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = free.getLocalPort();
        }
        Process demo = launch(port);
        List<String> lines = new ArrayList<>();
        CompletableFuture<Void> started = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                    if (line.equals("Stop with Ctrl-C.")) {
                        started.complete(null);
                    }
                }
            } catch (IOException e) {
                started.completeExceptionally(e);
            }
        });
        reader.start();
        try {
            started.get(120, TimeUnit.SECONDS);
            assertThat(listening(port)).isTrue();

            // Ctrl-C in a terminal sends SIGINT; Process.destroy() would send SIGTERM and close our end of the output
            assertThat(new ProcessBuilder("kill", "-INT", Long.toString(demo.pid()))
                            .start()
                            .waitFor())
                    .isZero();

            assertThat(demo.waitFor(60, TimeUnit.SECONDS)).isTrue();
            reader.join(10_000);
            synchronized (lines) {
                assertThat(lines).contains("Demo stopped.");
                assertThat(String.join("\n", lines)).doesNotContain("Exception");
            }
            assertThat(listening(port)).isFalse();
        } finally {
            demo.destroyForcibly();
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
