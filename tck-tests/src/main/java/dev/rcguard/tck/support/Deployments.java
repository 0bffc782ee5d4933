package dev.rcguard.tck.support;

import dev.rcguard.cdi.GuardInterceptor;
import dev.rcguard.servlet.RingCentralPermissionFilter;
import dev.rcguard.spi.Caller;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The start of every deployment of the suite: a WAR holding {@code rcguard-core} and a
 * {@code META-INF/microprofile-config.properties} that points the guard at the {@link SuiteSimulator}, which works
 * alike on every server with MicroProfile Config (and on the embedded runtime, which adds SmallRye Config).
 *
 * <pre>{@code
 * @Deployment(testable = false)
 * static WebArchive deployment() {
 *     return Deployments.war("smoke").addClasses(SmokeApplication.class, SmokeResource.class);
 * }
 * }</pre>
 */
public final class Deployments {

    /** Short timeouts keep fail-closed tests quick; they are still far above a loopback round trip. */
    private static final Map<String, String> DEFAULTS =
            Map.of("rcguard.connect-timeout-ms", "2000", "rcguard.read-timeout-ms", "3000");

    private Deployments() {}

    /**
     * A WAR with core and {@code rcguard-cdi}: annotations on JAX-RS resources and CDI beans.
     *
     * @param name the WAR's name, without {@code .war}
     * @param settings more (or overriding) {@code rcguard.*} settings
     * @return the WAR, to add fixtures to
     */
    public static WebArchive cdi(String name, Map<String, String> settings) {
        return war(name, settings).addAsLibrary(Libraries.jarOf(GuardInterceptor.class, "rcguard-cdi"));
    }

    /**
     * As {@link #cdi(String, Map)} with the default settings.
     *
     * @param name the WAR's name, without {@code .war}
     * @return the WAR, to add fixtures to
     */
    public static WebArchive cdi(String name) {
        return cdi(name, Map.of());
    }

    /**
     * A WAR with core and {@code rcguard-servlet}, and this {@code web.xml}.
     *
     * @param name the WAR's name, without {@code .war}
     * @param webXml the {@code web.xml}
     * @return the WAR, to add fixtures to
     */
    public static WebArchive servlet(String name, String webXml) {
        return war(name)
                .addAsLibrary(Libraries.jarOf(RingCentralPermissionFilter.class, "rcguard-servlet"))
                .setWebXML(new StringAsset(webXml));
    }

    /**
     * A WAR named {@code name.war} with core, CDI enabled, and the guard pointed at the simulator.
     *
     * @param name the WAR's name, without {@code .war}
     * @return the WAR, to add fixtures to
     */
    public static WebArchive war(String name) {
        return war(name, Map.of());
    }

    /**
     * As {@link #war(String)}, with more (or overriding) {@code rcguard.*} settings.
     *
     * @param name the WAR's name, without {@code .war}
     * @param settings more (or overriding) {@code rcguard.*} settings
     * @return the WAR, to add fixtures to
     */
    public static WebArchive war(String name, Map<String, String> settings) {
        Map<String, String> config = new LinkedHashMap<>(DEFAULTS);
        config.put("rcguard.server-url", SuiteSimulator.baseUri().toString());
        config.putAll(settings);
        String properties = config.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
        return ShrinkWrap.create(WebArchive.class, name + ".war")
                .addAsLibrary(Libraries.jarOf(Caller.class, "rcguard-core"))
                .addAsResource(new StringAsset(properties), "META-INF/microprofile-config.properties")
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }
}
