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
    void itSaysEachStep_thenTheBanner_andLastThatItIsReady_thenCtrlCStopsTheServerAndTheSimulatorCleanly()
            throws Exception {
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
                    if (line.startsWith("Ready: ")) {
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
            synchronized (lines) {
                // the guard's own INFO lines (what it protects) come between the steps; the steps come in order
                String simulator = "Starting the RingCentral simulator (RingCentral's own mock data; demo users alice,"
                        + " bob, carol, dave)...";
                String jetty = "Starting Jetty on 127.0.0.1:" + port
                        + " with the demo application (Weld, RESTEasy and the guard)...";
                String banner = "RingCentral Permission Guard demo is running.";
                assertThat(lines.get(0)).isEqualTo(simulator);
                assertThat(lines.indexOf(jetty)).isGreaterThan(0);
                assertThat(lines.indexOf(banner)).isGreaterThan(lines.indexOf(jetty));
                assertThat(lines.get(lines.size() - 1))
                        .isEqualTo("Ready: open http://127.0.0.1:" + port + "/ (Ctrl-C stops it)");
            }

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
