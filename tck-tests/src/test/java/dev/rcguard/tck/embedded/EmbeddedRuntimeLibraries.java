package dev.rcguard.tck.embedded;

import java.io.File;
import java.util.Arrays;
import java.util.List;
import org.jboss.arquillian.container.spi.event.container.BeforeDeploy;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jboss.shrinkwrap.resolver.api.maven.Maven;

/**
 * Turns embedded Jetty into a small Jakarta EE runtime, one WAR at a time: adds Weld (CDI), RESTEasy (JAX-RS, with
 * its CDI integration and JSON-B) and SmallRye Config to every deployment's
 * {@code WEB-INF/lib} just before it is deployed, as a user deploying on a plain servlet container would. The Maven
 * coordinates come from the embedded profile (system property {@value #PROPERTY}), so the pom keeps every version.
 *
 * <p>An observer of {@link BeforeDeploy} rather than an {@code ApplicationArchiveProcessor}: Arquillian runs those
 * for testable deployments only, and every deployment of the suite is {@code testable = false}.
 */
public class EmbeddedRuntimeLibraries {

    static final String PROPERTY = "rcguard.tck.embedded.libraries";

    private static final System.Logger LOG = System.getLogger(EmbeddedRuntimeLibraries.class.getName());

    /** Resolved once per JVM: the same jars go into every WAR. */
    private static File[] libraries;

    public void addRuntime(@Observes BeforeDeploy event) {
        if (event.getDeployment().getArchive() instanceof WebArchive war) {
            war.addAsLibraries(libraries());
        }
    }

    private static synchronized File[] libraries() {
        if (libraries == null) {
            List<String> coordinates = Arrays.stream(
                            System.getProperty(PROPERTY).split(","))
                    .map(String::strip)
                    .filter(s -> !s.isEmpty())
                    .toList();
            libraries = Maven.resolver().resolve(coordinates).withTransitivity().asFile();
            LOG.log(System.Logger.Level.INFO, "Embedded runtime: {0} libraries added to every WAR", libraries.length);
        }
        return libraries;
    }
}
