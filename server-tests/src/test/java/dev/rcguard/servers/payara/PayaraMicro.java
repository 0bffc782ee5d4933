package dev.rcguard.servers.payara;

import dev.rcguard.servers.support.Ports;
import dev.rcguard.servers.support.ServerProcess;
import dev.rcguard.servers.support.Settings;
import dev.rcguard.servers.support.Wars;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * A real Payara Micro ({@code fish.payara.extras:payara-micro}) started with WARs to deploy at boot, held to
 * loopback as the TCK's payara profile does it: HTTP on 127.0.0.1:18280 through the pre-boot commands, Hazelcast on
 * 127.0.0.1 through {@code --hzconfigfile} (clustering stays on: {@code --nocluster} would make Payara ignore the file
 * and bind {@code *:6900}). Usage tracking ("phone home") is switched off: nothing leaves the machine.
 *
 * <pre>{@code
 * try (PayaraMicro payara = PayaraMicro.start("payara-blank-id", control, invalid)) {
 *     Reply reply = Http.get(payara.url("/blank-id/api/ping"), null);
 * }
 * }</pre>
 */
public final class PayaraMicro implements AutoCloseable {

    public static final int HTTP_PORT = 18280;

    /** {@code Payara Micro 6.2025.10 #badassmicrofish (build ...) ready in 9,123 (ms)} */
    private static final Pattern READY = Pattern.compile("Payara Micro .* ready in [\\d,.]+ \\(ms\\)");

    private final ServerProcess process;
    private final int httpPort;

    private PayaraMicro(ServerProcess process, int httpPort) {
        this.process = process;
        this.httpPort = httpPort;
    }

    /** Starts Payara Micro on a fresh {@code target/runs/<run>} and waits until it says it is ready. */
    public static PayaraMicro start(String run, WebArchive... wars) {
        Path dir = Settings.runDirectory(run);
        PayaraMicro payara = launch(
                dir,
                HTTP_PORT,
                copy("/payara/hazelcast-config.xml", dir.resolve("hazelcast-config.xml")),
                List.of(),
                wars);
        payara.awaitReady();
        return payara;
    }

    /**
     * Starts, without waiting for it, one member of a Payara Micro cluster on a fresh {@code target/runs/<run>}: HTTP
     * on 127.0.0.1:{@code httpPort}, the data grid as the test resource {@code hazelcastResource} says (copied to
     * {@code hazelcast-config.xml}, the name Payara requires), and {@code --clustername cluster}. Call
     * {@link #awaitReady()} next.
     */
    public static PayaraMicro launchMember(
            String run, int httpPort, String hazelcastResource, String cluster, WebArchive... wars) {
        Path dir = Settings.runDirectory(run);
        return launch(
                dir,
                httpPort,
                copy(hazelcastResource, dir.resolve("hazelcast-config.xml")),
                List.of("--clustername", cluster),
                wars);
    }

    private static PayaraMicro launch(
            Path dir, int httpPort, Path hazelcastConfig, List<String> more, WebArchive... wars) {
        Path jar = Settings.server("rcguard.servers.payara.jar");
        Ports.assertFree(httpPort);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms64m",
                "-Xmx768m",
                "-Djava.io.tmpdir=" + directory(dir.resolve("tmp")),
                "-jar",
                jar.toString(),
                "--port",
                Integer.toString(httpPort),
                "--hzconfigfile",
                hazelcastConfig.toString(),
                "--prebootcommandfile",
                copy("/payara/preboot-commands.txt", dir.resolve("preboot-commands.txt"))
                        .toString(),
                "--rootdir",
                directory(dir.resolve("root")).toString(),
                "--disablephonehome"));
        command.addAll(more);
        Path deployments = directory(dir.resolve("wars"));
        for (WebArchive war : wars) {
            command.add("--deploy");
            command.add(Wars.write(war, deployments).toString());
        }
        ServerProcess process = ServerProcess.start(
                "Payara Micro", new ProcessBuilder(command).directory(dir.toFile()), dir.resolve("console.log"));
        return new PayaraMicro(process, httpPort);
    }

    /** Waits until Payara says it is ready; stops it if it does not. */
    public void awaitReady() {
        awaitReady(null, null);
    }

    /**
     * Waits until Payara says it is ready; stops it, at once, if it does not or if its log shows {@code hopeless}
     * ({@code why} says what that means).
     */
    public void awaitReady(Pattern hopeless, String why) {
        try {
            process.awaitReady(Settings.startupTimeout(), () -> {
                String console = process.consoleText();
                if (hopeless != null) {
                    Matcher seen = hopeless.matcher(console);
                    if (seen.find()) {
                        throw new IllegalStateException(process + " will not be ready: " + why + "; its log says: "
                                + seen.group() + "\n" + process.consoleTail(30));
                    }
                }
                return READY.matcher(console).find();
            });
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
    }

    /** {@code http://127.0.0.1:<port>} followed by {@code path}. */
    public String url(String path) {
        return "http://127.0.0.1:" + httpPort + path;
    }

    public ServerProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.close();
    }

    /** A file of this module's test resources (the loopback settings) into the run's folder. */
    private static Path copy(String resource, Path target) {
        try (InputStream in = PayaraMicro.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing test resource " + resource);
            }
            Files.copy(in, target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path directory(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
