package dev.rcguard.servers.support;

import dev.rcguard.RequiresRingCentralPermission;
import dev.rcguard.cdi.GuardInterceptor;
import dev.rcguard.servlet.RingCentralPermissionFilter;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The tests' WARs, built with ShrinkWrap from the reactor's jars.
 *
 * <pre>{@code
 * WebArchive war = Wars.plainContainer("plain", webXml).addClass(MessagesServlet.class);   // Tomcat
 * WebArchive war = Wars.onApplicationServer("leaky", simulator.baseUri()).addClasses(...);  // WildFly, Payara
 * byte[] bytes = Wars.bytes(war);
 * }</pre>
 */
public final class Wars {

    private Wars() {}

    /**
     * For a plain servlet container: {@code WEB-INF/lib} holds exactly the list servlet-filter/README.md gives for such a container
     * ({@code rcguard-servlet} and what it brings: {@code rcguard-core}), as Maven resolved it for this module's
     * runtime scope; and this {@code web.xml}.
     */
    public static WebArchive plainContainer(String name, String webXml) {
        Path libs = Settings.server("rcguard.servers.plain-war-libs");
        WebArchive war = ShrinkWrap.create(WebArchive.class, name + ".war").setWebXML(new StringAsset(webXml));
        try (Stream<Path> jars = Files.list(libs)) {
            jars.filter(jar -> jar.toString().endsWith(".jar")).sorted().forEach(jar -> war.addAsLibrary(jar.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return war;
    }

    /**
     * For WildFly and Payara, which provide CDI, JAX-RS and MicroProfile Config: the three rcguard jars, CDI enabled, and the guard pointed at {@code serverUrl} through
     * {@code META-INF/microprofile-config.properties}.
     */
    public static WebArchive onApplicationServer(String name, String serverUrl) {
        return onApplicationServer(name, serverUrl, "");
    }

    /** {@link #onApplicationServer(String, String)} with more lines of {@code microprofile-config.properties}. */
    public static WebArchive onApplicationServer(String name, String serverUrl, String moreConfig) {
        return ShrinkWrap.create(WebArchive.class, name + ".war")
                .addAsLibrary(jarOf(RequiresRingCentralPermission.class, "rcguard-core"))
                .addAsLibrary(jarOf(GuardInterceptor.class, "rcguard-cdi"))
                .addAsLibrary(jarOf(RingCentralPermissionFilter.class, "rcguard-servlet"))
                .addAsResource(
                        new StringAsset("rcguard.server-url=" + serverUrl + "\n" + moreConfig),
                        "META-INF/microprofile-config.properties")
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    public static byte[] bytes(WebArchive war) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        war.as(ZipExporter.class).exportTo(out);
        return out.toByteArray();
    }

    /** Writes the WAR to {@code dir} and returns its path. */
    public static Path write(WebArchive war, Path dir) {
        Path file = dir.resolve(war.getName());
        war.as(ZipExporter.class).exportTo(file.toFile(), true);
        return file;
    }

    /** The reactor jar (or, before packaging, the classes folder) that holds {@code type}, named {@code name.jar}. */
    private static JavaArchive jarOf(Class<?> type, String name) {
        File location;
        try {
            location = new File(
                    type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot tell where " + type.getName() + " was loaded from", e);
        }
        if (location.isDirectory()) {
            return ShrinkWrap.create(ExplodedImporter.class, name + ".jar")
                    .importDirectory(location)
                    .as(JavaArchive.class);
        }
        return ShrinkWrap.create(ZipImporter.class, name + ".jar")
                .importFrom(location)
                .as(JavaArchive.class);
    }
}
