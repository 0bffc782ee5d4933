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

    private PayaraMicro(ServerProcess process) {
        this.process = process;
    }

    /** Starts Payara Micro on a fresh {@code target/runs/<run>} and waits until it says it is ready. */
    public static PayaraMicro start(String run, WebArchive... wars) {
        Path jar = Settings.server("rcguard.servers.payara.jar");
        Ports.assertFree(HTTP_PORT);
        Path dir = Settings.runDirectory(run);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms64m",
                "-Xmx768m",
                "-Djava.io.tmpdir=" + directory(dir.resolve("tmp")),
                "-jar",
                jar.toString(),
                "--port",
                Integer.toString(HTTP_PORT),
                "--hzconfigfile",
                copy("hazelcast-config.xml", dir).toString(),
                "--prebootcommandfile",
                copy("preboot-commands.txt", dir).toString(),
                "--rootdir",
                directory(dir.resolve("root")).toString(),
                "--disablephonehome"));
        Path deployments = directory(dir.resolve("wars"));
        for (WebArchive war : wars) {
            command.add("--deploy");
            command.add(Wars.write(war, deployments).toString());
        }
        ServerProcess process = ServerProcess.start(
                "Payara Micro", new ProcessBuilder(command).directory(dir.toFile()), dir.resolve("console.log"));
        try {
            process.awaitReady(
                    Settings.startupTimeout(),
                    () -> READY.matcher(process.consoleText()).find());
            return new PayaraMicro(process);
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
    }

    /** {@code http://127.0.0.1:18280} followed by {@code path}. */
    public String url(String path) {
        return "http://127.0.0.1:" + HTTP_PORT + path;
    }

    public ServerProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.close();
    }

    /** The loopback settings, from this module's test resources, into the run's folder. */
    private static Path copy(String resource, Path dir) {
        Path target = dir.resolve(resource);
        try (InputStream in = PayaraMicro.class.getResourceAsStream("/payara/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing test resource payara/" + resource);
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
