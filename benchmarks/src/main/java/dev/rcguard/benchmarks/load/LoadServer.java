package dev.rcguard.benchmarks.load;

import dev.rcguard.servlet.RingCentralPermissionFilter;
import dev.rcguard.spi.GuardConfig;
import jakarta.servlet.DispatcherType;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.EnumSet;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.jboss.resteasy.plugins.server.servlet.HttpServlet30Dispatcher;
import org.jboss.weld.environment.servlet.Listener;

/**
 * Jetty 12 ee10 + Weld servlet + RESTEasy on 127.0.0.1, serving {@link LoadApplication}, with
 * {@link RingCentralPermissionFilter} mapped to {@code /filtered}: the stack of a WAR on a servlet container,
 * in-process. The guard asks the RingCentral server named by {@code rcguard.server-url}.
 *
 * <pre>{@code
 * try (LoadServer server = LoadServer.start(simulator.baseUri())) {
 *     URI plain = server.uri("/plain");
 * }
 * }</pre>
 */
final class LoadServer implements AutoCloseable {

    private final Server server;

    private LoadServer(Server server) {
        this.server = server;
    }

    static LoadServer start(URI ringCentral) throws Exception {
        // Both adapters read it at start-up and so share one PermissionGuard (one config, one client, one pool).
        System.setProperty(GuardConfig.SERVER_URL, ringCentral.toString());
        Server server = new Server(new InetSocketAddress("127.0.0.1", 0));
        ServletContextHandler context = new ServletContextHandler("/");
        context.addEventListener(new Listener());
        FilterHolder filter = new FilterHolder(RingCentralPermissionFilter.class);
        filter.setName("read-messages");
        filter.setInitParameters(Map.of(RingCentralPermissionFilter.PERMISSIONS, "ReadMessages"));
        context.addFilter(filter, "/filtered", EnumSet.of(DispatcherType.REQUEST));
        ServletHolder rest = new ServletHolder("resteasy", HttpServlet30Dispatcher.class);
        rest.setInitParameter("jakarta.ws.rs.Application", LoadApplication.class.getName());
        rest.setInitParameter("resteasy.injector.factory", "org.jboss.resteasy.cdi.CdiInjectorFactory");
        rest.setAsyncSupported(true);
        rest.setInitOrder(1);
        context.addServlet(rest, "/*");
        server.setHandler(context);
        server.start();
        return new LoadServer(server);
    }

    /** {@code http://127.0.0.1:<port><path>}. */
    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getURI().getPort() + path);
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
