package dev.rcguard.servers.wildfly;

import dev.rcguard.servers.support.FileTree;
import dev.rcguard.servers.support.Ports;
import dev.rcguard.servers.support.ServerProcess;
import dev.rcguard.servers.support.Settings;
import dev.rcguard.servers.support.Wars;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.as.controller.client.Operation;
import org.jboss.as.controller.client.OperationBuilder;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.wildfly.core.launcher.Launcher;
import org.wildfly.core.launcher.StandaloneCommandBuilder;

/**
 * A real WildFly, unpacked from {@code org.wildfly:wildfly-dist}, run with its default {@code standalone.xml} on a
 * fresh base directory: bound to 127.0.0.1 with a port offset of 300 (HTTP 8380, management 10290). Deployments go
 * through the management API (the native controller client over {@code remote+http}, local authentication).
 *
 * <pre>{@code
 * try (WildFlyServer wildfly = WildFlyServer.start("wildfly-redeploy")) {
 *     wildfly.deploy(war);
 *     wildfly.redeploy(war);
 *     wildfly.undeploy(war.getName());
 * }
 * }</pre>
 */
public final class WildFlyServer implements AutoCloseable {

    public static final int PORT_OFFSET = 300;
    public static final int HTTP_PORT = 8080 + PORT_OFFSET;
    public static final int MANAGEMENT_PORT = 9990 + PORT_OFFSET;

    private final Path base;
    private final ServerProcess process;
    private final ModelControllerClient client;
    private final int httpPort;

    private WildFlyServer(Path base, ServerProcess process, ModelControllerClient client, int httpPort) {
        this.base = base;
        this.process = process;
        this.client = client;
        this.httpPort = httpPort;
    }

    /** Copies the distribution's {@code standalone/configuration} into {@code target/runs/<run>} and starts on it. */
    public static WildFlyServer start(String run) {
        return start(
                run, "standalone.xml", HTTP_PORT, MANAGEMENT_PORT, "-Djboss.socket.binding.port-offset=" + PORT_OFFSET);
    }

    /**
     * As {@link #start(String)}, on another of the distribution's configurations, with {@code javaOptions} that put
     * HTTP on {@code httpPort} and management on {@code managementPort} (and any other socket where it must be).
     */
    public static WildFlyServer start(
            String run, String configuration, int httpPort, int managementPort, String... javaOptions) {
        Path home = Settings.server("rcguard.servers.wildfly.home");
        Ports.assertFree(httpPort, managementPort);
        Path base = Settings.runDirectory(run);
        FileTree.copy(home.resolve("standalone/configuration"), base.resolve("configuration"));
        try {
            Files.createDirectories(base.resolve("deployments"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StandaloneCommandBuilder command = StandaloneCommandBuilder.of(home)
                .setJavaHome(System.getProperty("java.home"))
                .setBaseDirectory(base)
                .setServerConfiguration(configuration)
                .addJavaOptions(
                        "-Xms64m",
                        "-Xmx768m",
                        "-Djboss.bind.address=127.0.0.1",
                        "-Djboss.bind.address.management=127.0.0.1")
                .addJavaOptions(javaOptions);
        Path console = base.resolve("console.log");
        Process launched;
        try {
            launched = Launcher.of(command)
                    .setRedirectErrorStream(true)
                    .redirectOutput(console)
                    .launch();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start WildFly: " + command.build(), e);
        }
        ServerProcess process = ServerProcess.adopt("WildFly", launched, console);
        ModelControllerClient client;
        try {
            client = ModelControllerClient.Factory.create("remote+http", "127.0.0.1", managementPort);
        } catch (IOException e) {
            process.close();
            throw new UncheckedIOException(e);
        }
        WildFlyServer wildfly = new WildFlyServer(base, process, client, httpPort);
        try {
            process.awaitReady(Settings.startupTimeout(), wildfly::isRunning);
            return wildfly;
        } catch (RuntimeException e) {
            wildfly.close();
            throw e;
        }
    }

    /** {@code http://127.0.0.1:8380} (or the HTTP port it was started with) followed by {@code path}. */
    public String url(String path) {
        return "http://127.0.0.1:" + httpPort + path;
    }

    /** Adds and deploys {@code war} under its name. */
    public void deploy(WebArchive war) {
        ModelNode add = Operations.createAddOperation(deployment(war.getName()));
        add.get("content").add().get("input-stream-index").set(0);
        add.get("enabled").set(true);
        execute(withContent(add, war));
    }

    /** Replaces the deployment of the same name by {@code war}: the old application stops, the new one starts. */
    public void redeploy(WebArchive war) {
        ModelNode replace = Operations.createOperation("full-replace-deployment", new ModelNode().setEmptyList());
        replace.get("name").set(war.getName());
        replace.get("content").add().get("input-stream-index").set(0);
        replace.get("enabled").set(true);
        execute(withContent(replace, war));
    }

    /** Undeploys and removes the deployment {@code name}. */
    public void undeploy(String name) {
        execute(Operations.CompositeOperationBuilder.create()
                .addStep(Operations.createOperation("undeploy", deployment(name)))
                .addStep(Operations.createRemoveOperation(deployment(name)))
                .build());
    }

    public ServerProcess process() {
        return process;
    }

    /** {@code log/server.log} of this run. */
    public String serverLog() {
        try {
            return new String(Files.readAllBytes(base.resolve("log/server.log")), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException ignored) {
            // the server is stopped next anyway
        } finally {
            process.close();
        }
    }

    private boolean isRunning() {
        try {
            ModelNode result = client.execute(
                    Operations.createReadAttributeOperation(new ModelNode().setEmptyList(), "server-state"));
            return Operations.isSuccessfulOutcome(result)
                    && "running".equals(Operations.readResult(result).asString());
        } catch (IOException | RuntimeException notYet) {
            return false;
        }
    }

    private void execute(Operation operation) {
        ModelNode result;
        try {
            result = client.execute(operation);
        } catch (IOException e) {
            throw new UncheckedIOException("WildFly management: " + operation.getOperation(), e);
        }
        if (!Operations.isSuccessfulOutcome(result)) {
            throw new IllegalStateException("WildFly refused " + operation.getOperation() + ": "
                    + Operations.getFailureDescription(result).asString());
        }
    }

    private static Operation withContent(ModelNode operation, WebArchive war) {
        return OperationBuilder.create(operation)
                .addInputStream(new ByteArrayInputStream(Wars.bytes(war)))
                .build();
    }

    private static ModelNode deployment(String name) {
        return Operations.createAddress("deployment", name);
    }
}
