package dev.rcguard.cdi;

import dev.rcguard.spi.GuardConfig;
import dev.rcguard.spi.Requirement;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * The protected endpoints of one JAX-RS application, told in full on its first protected request. When JAX-RS deploys
 * a resource method ({@link RingCentralGuardFeature#configure}) the application's path is not known portably: the
 * application's {@code @ApplicationPath} may be overridden by a servlet mapping, and the runtimes do not all inject a
 * {@code DynamicFeature} with the {@code Application} or the {@code ServletContext}. The first request's
 * {@code UriInfo.getBaseUri()} is exact on every runtime: the context path and the application path.
 */
final class JaxRsInventory {

    private static final System.Logger LOG = System.getLogger("dev.rcguard.cdi");

    /** Endpoint ({@code GET /messages}, path relative to the application) → what it needs. */
    private final Map<String, String> endpoints = new TreeMap<>();

    private final AtomicBoolean told = new AtomicBoolean();

    synchronized void add(String httpMethod, String path, Requirement requirement) {
        endpoints.put(httpMethod + " " + path, requirement.toString());
    }

    /** Whether the first request has been seen: then there is nothing left to tell. */
    boolean told() {
        return told.get();
    }

    /**
     * Tells, once, every protected endpoint of the application with its full path.
     *
     * @param baseUri the request's {@code UriInfo.getBaseUri()}: the application's base URI
     */
    void firstRequest(URI baseUri, GuardConfig config) {
        if (!told.compareAndSet(false, true)) {
            return;
        }
        String base = baseUri.getRawPath() == null ? "" : baseUri.getRawPath();
        String application = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        String listed;
        synchronized (this) {
            listed = endpoints.entrySet().stream()
                    .map(e -> "\n  " + full(e.getKey(), application) + " needs " + e.getValue())
                    .collect(Collectors.joining());
        }
        LOG.log(
                Level.INFO,
                "RingCentral guard: the JAX-RS application at {0} (seen on its first request) has {1} protected"
                        + " endpoint(s), checked against {2} in {3} mode:{4}",
                application.isEmpty() ? "/" : application,
                endpoints.size(),
                config.serverUrl(),
                config.setting(GuardConfig.MODE),
                listed);
    }

    /** {@code GET /messages} under {@code /shop/api}: {@code GET /shop/api/messages}. */
    private static String full(String endpoint, String application) {
        int space = endpoint.indexOf(' ');
        String path = endpoint.substring(space + 1);
        return endpoint.substring(0, space + 1)
                + (path.equals("/") && !application.isEmpty() ? application : application + path);
    }
}
