package dev.rcguard.tck.support;

import java.io.File;
import java.net.URISyntaxException;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;

/**
 * The library jar a class was loaded from, to put into a deployment's {@code WEB-INF/lib} exactly as a user's build
 * would: a jar from the local repository, or a module's {@code target/classes} when run inside the reactor.
 *
 * <pre>{@code
 * war.addAsLibrary(Libraries.jarOf(dev.rcguard.Caller.class, "rcguard-core"));
 * }</pre>
 */
public final class Libraries {

    private Libraries() {}

    /**
     * The archive that holds {@code type}, named {@code name.jar}.
     *
     * @param type a class of the library
     * @param name the archive's name, without {@code .jar}
     * @return the archive
     */
    public static JavaArchive jarOf(Class<?> type, String name) {
        File location = location(type);
        String archiveName = name + ".jar";
        if (location.isDirectory()) {
            return ShrinkWrap.create(ExplodedImporter.class, archiveName)
                    .importDirectory(location)
                    .as(JavaArchive.class);
        }
        return ShrinkWrap.create(ZipImporter.class, archiveName)
                .importFrom(location)
                .as(JavaArchive.class);
    }

    private static File location(Class<?> type) {
        try {
            return new File(
                    type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("Cannot tell where " + type.getName() + " was loaded from", e);
        }
    }
}
