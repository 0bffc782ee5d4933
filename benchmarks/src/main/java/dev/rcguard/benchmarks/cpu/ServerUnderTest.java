package dev.rcguard.benchmarks.cpu;

import dev.rcguard.benchmarks.load.LoadResource;
import dev.rcguard.cdi.GuardInterceptor;
import dev.rcguard.servlet.RingCentralPermissionFilter;
import dev.rcguard.spi.Caller;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The server the benchmark loads, in a process of its own so that its CPU time is the server's alone:
 * {@code embedded} (the load benchmark's Jetty 12 ee10 + Weld servlet + RESTEasy, {@code load.LoadServer}'s main) or
 * {@code payara} (Payara Micro deploying a WAR of the same resources with rcguard-core, rcguard-cdi and
 * rcguard-servlet in {@code WEB-INF/lib}, the servlet filter mapped in {@code web.xml}). Both listen on 127.0.0.1
 * only, on a port chosen at run time; Payara's data grid too ({@code hazelcast-config.xml}).
 *
 * <pre>{@code
 * try (ServerUnderTest server = ServerUnderTest.start("embedded", standIn.baseUri(), work, "run1", jvm, null)) {
 *     URI guarded = server.uri("/guarded");
 *     Duration cpu = server.process().cpu();
 * }
 * }</pre>
 */
final class ServerUnderTest implements AutoCloseable {

    /** The WAR's classes: the load benchmark's resources and application. */
    private static final List<String> WAR_CLASSES = List.of(
            "dev/rcguard/benchmarks/load/LoadApplication.class",
            "dev/rcguard/benchmarks/load/LoadResource.class",
            "dev/rcguard/benchmarks/load/PojoResource.class",
            "dev/rcguard/benchmarks/load/RelayResource.class",
            "dev/rcguard/benchmarks/load/RelayResource$Upstream.class",
            "dev/rcguard/benchmarks/load/BareCheck.class");

    private static final String WEB_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee"
                     xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                     xsi:schemaLocation="https://jakarta.ee/xml/ns/jakartaee https://jakarta.ee/xml/ns/jakartaee/web-app_6_0.xsd"
                     version="6.0">
                <!-- JAX-RS: the application class as a servlet name, as in LoadServer -->
                <servlet>
                    <servlet-name>dev.rcguard.benchmarks.load.LoadApplication</servlet-name>
                    <load-on-startup>1</load-on-startup>
                    <async-supported>true</async-supported>
                </servlet>
                <servlet-mapping>
                    <servlet-name>dev.rcguard.benchmarks.load.LoadApplication</servlet-name>
                    <url-pattern>/*</url-pattern>
                </servlet-mapping>
                <!-- GET /filtered: the servlet filter, permission ReadMessages, as in LoadServer -->
                <filter>
                    <filter-name>read-messages</filter-name>
                    <filter-class>dev.rcguard.servlet.RingCentralPermissionFilter</filter-class>
                    <init-param>
                        <param-name>permissions</param-name>
                        <param-value>ReadMessages</param-value>
                    </init-param>
                </filter>
                <filter-mapping>
                    <filter-name>read-messages</filter-name>
                    <url-pattern>/filtered</url-pattern>
                    <dispatcher>REQUEST</dispatcher>
                </filter-mapping>
            </web-app>
            """;

    private static final String BEANS_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <beans xmlns="https://jakarta.ee/xml/ns/jakartaee"
                   xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                   xsi:schemaLocation="https://jakarta.ee/xml/ns/jakartaee https://jakarta.ee/xml/ns/jakartaee/beans_4_0.xsd"
                   version="4.0" bean-discovery-mode="annotated">
            </beans>
            """;

    private final String name;
    private final Child process;
    private final URI base;

    private ServerUnderTest(String name, Child process, URI base) {
        this.name = name;
        this.process = process;
        this.base = base;
    }

    /**
     * Starts server {@code kind} ({@code embedded} or {@code payara}) pointed at {@code ringCentral}, and returns
     * once {@code GET /plain} answers 200 and the process is seen to listen on 127.0.0.1 only.
     *
     * @param work a directory under {@code benchmarks/target} for the WAR, logs and Payara's files
     * @param tag names the log file, {@code <kind>-<tag>.log}
     * @param jvmOptions options of the server's JVM (heap, JFR)
     * @param payaraJar Payara Micro's jar, for {@code payara}
     */
    static ServerUnderTest start(
            String kind, URI ringCentral, Path work, String tag, List<String> jvmOptions, Path payaraJar)
            throws IOException, InterruptedException {
        Path log = work.resolve(tag + ".log");
        return switch (kind) {
            case "embedded" -> embedded(ringCentral, log, jvmOptions);
            case "payara" -> payara(ringCentral, work, log, jvmOptions, payaraJar);
            default -> throw new IllegalArgumentException("Unknown server " + kind + ": embedded or payara");
        };
    }

    private static ServerUnderTest embedded(URI ringCentral, Path log, List<String> jvmOptions)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(CpuPerCheckBenchmark.java());
        command.addAll(jvmOptions);
        command.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                "dev.rcguard.benchmarks.load.LoadServer",
                ringCentral.toString()));
        Child child = Child.start("embedded server", command, log, true);
        try {
            String line = child.awaitLine(l -> l.startsWith("port="), Duration.ofSeconds(120));
            URI base = URI.create(
                    "http://127.0.0.1:" + line.substring("port=".length()).strip());
            return ready(new ServerUnderTest("embedded", child, base), Duration.ofSeconds(60));
        } catch (IOException | InterruptedException | RuntimeException e) {
            child.close();
            throw e;
        }
    }

    private static ServerUnderTest payara(URI ringCentral, Path work, Path log, List<String> jvmOptions, Path payaraJar)
            throws IOException, InterruptedException {
        Path config = Files.createDirectories(work.resolve("payara"));
        copyResource("payara/hazelcast-config.xml", config.resolve("hazelcast-config.xml"));
        copyResource("payara/preboot-commands.txt", config.resolve("preboot-commands.txt"));
        Path war = war(work.resolve("rcguard-load.war"));
        Path root = work.resolve("payara-root");
        deleteTree(root); // a fresh instance every start: nothing deployed or cached from the previous one
        int port = Sockets.freePort();
        List<String> command = new ArrayList<>();
        command.add(CpuPerCheckBenchmark.java());
        command.addAll(jvmOptions);
        command.addAll(List.of(
                "-Drcguard.server-url=" + ringCentral,
                "-jar",
                payaraJar.toString(),
                "--deploy",
                war.toString(),
                "--contextroot",
                "/",
                "--port",
                String.valueOf(port),
                "--rootdir",
                root.toString(),
                // clustering stays on (nocluster would make Payara ignore the file and bind *:6900)
                "--hzconfigfile",
                config.resolve("hazelcast-config.xml").toString(),
                "--prebootcommandfile",
                config.resolve("preboot-commands.txt").toString()));
        Child child = Child.start("Payara Micro", command, log, false);
        try {
            return ready(
                    new ServerUnderTest("payara", child, URI.create("http://127.0.0.1:" + port)),
                    Duration.ofSeconds(300));
        } catch (IOException | InterruptedException | RuntimeException e) {
            child.close();
            throw e;
        }
    }

    /** Waits until {@code GET /plain} answers 200, then checks that nothing listens beyond 127.0.0.1. */
    private static ServerUnderTest ready(ServerUnderTest server, Duration timeout)
            throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        HttpRequest plain = HttpRequest.newBuilder(server.uri("/plain"))
                .timeout(Duration.ofSeconds(10))
                .build();
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!server.process.isAlive()) {
                throw new IOException(server.name + " ended before it served: see " + server.process.log());
            }
            try {
                HttpResponse<String> response = http.send(plain, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().equals(LoadResource.BODY)) {
                    break;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (System.nanoTime() - end > 0) {
                throw new IOException(server.name + " did not serve /plain within " + timeout.toSeconds() + " s: see "
                        + server.process.log());
            }
            Thread.sleep(500);
        }
        List<String> listening = Sockets.listening(server.process.pid());
        if (!Sockets.loopbackOnly(listening)) {
            throw new IllegalStateException(server.name + " listens beyond 127.0.0.1: " + listening);
        }
        System.out.printf("%s (pid %d) listens on %s%n", server.name, server.process.pid(), listening);
        return server;
    }

    /**
     * The WAR: the load resources in {@code WEB-INF/classes}, rcguard-core, -cdi and -servlet in {@code WEB-INF/lib}
     * as a user's build would put them, {@code web.xml} and {@code beans.xml}. The guard's RingCentral URL is not in
     * it: Payara's JVM gets it as the system property {@code rcguard.server-url} (MicroProfile Config reads it).
     */
    static Path war(Path war) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(war))) {
            put(zip, "WEB-INF/web.xml", WEB_XML.getBytes(StandardCharsets.UTF_8));
            put(zip, "WEB-INF/beans.xml", BEANS_XML.getBytes(StandardCharsets.UTF_8));
            for (String type : WAR_CLASSES) {
                try (InputStream in = ServerUnderTest.class.getClassLoader().getResourceAsStream(type)) {
                    if (in == null) {
                        throw new IOException("Not on the class path: " + type);
                    }
                    put(zip, "WEB-INF/classes/" + type, in.readAllBytes());
                }
            }
            put(zip, "WEB-INF/lib/rcguard-core.jar", jarOf(Caller.class));
            put(zip, "WEB-INF/lib/rcguard-cdi.jar", jarOf(GuardInterceptor.class));
            put(zip, "WEB-INF/lib/rcguard-servlet.jar", jarOf(RingCentralPermissionFilter.class));
        }
        return war;
    }

    /** The jar {@code type} was loaded from, or a jar of the directory it was loaded from (inside the reactor). */
    private static byte[] jarOf(Class<?> type) throws IOException {
        Path location;
        try {
            location = Path.of(
                    type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException("Cannot tell where " + type.getName() + " was loaded from", e);
        }
        if (!Files.isDirectory(location)) {
            return Files.readAllBytes(location);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream jar = new ZipOutputStream(bytes);
                Stream<Path> files = Files.walk(location)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                put(jar, location.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        }
        return bytes.toByteArray();
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    private static void copyResource(String name, Path to) throws IOException {
        try (InputStream in = ServerUnderTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("Not on the class path: " + name);
            }
            Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p :
                    paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Payara Micro's jar: {@code given}, else the one the {@code payara} profile copied into {@code target/servers}. */
    static Optional<Path> findPayaraJar(String given, Path target) {
        if (given != null) {
            Path jar = Path.of(given);
            return Files.isRegularFile(jar) ? Optional.of(jar) : Optional.empty();
        }
        Path servers = target.resolve("servers");
        if (!Files.isDirectory(servers)) {
            return Optional.empty();
        }
        try (Stream<Path> jars = Files.list(servers)) {
            return jars.filter(p -> p.getFileName().toString().matches("payara-micro-.*\\.jar"))
                    .sorted()
                    .reduce((a, b) -> b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String name() {
        return name;
    }

    /** {@code http://127.0.0.1:<port><path>}. */
    URI uri(String path) {
        return base.resolve(path);
    }

    Child process() {
        return process;
    }

    @Override
    public void close() {
        process.close();
    }
}
