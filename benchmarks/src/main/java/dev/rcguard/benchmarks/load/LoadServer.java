package dev.rcguard.benchmarks.load;

import dev.rcguard.servlet.RingCentralPermissionFilter;
import dev.rcguard.spi.GuardConfig;
import jakarta.servlet.DispatcherType;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.EnumSet;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
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
 *
 * <p>Run on its own ({@link #main(String[])}), it is the embedded server of {@code cpu.CpuPerCheckBenchmark}, in a
 * process of its own so that its CPU time is its own.
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

    /**
     * The server in a process of its own: {@code LoadServer <RingCentral base URI>}. Prints {@code port=N} once it
     * serves, and stops when its standard input closes (its parent ended or closed the pipe).
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("Usage: LoadServer <RingCentral base URI>");
            System.exit(2);
        }
        Logger.getLogger("").setLevel(Level.WARNING); // start-up chatter of Jetty, Weld, RESTEasy
        try (LoadServer server = start(URI.create(args[0]))) {
            System.out.println("port=" + server.server.getURI().getPort());
            System.out.flush();
            while (System.in.read() >= 0) {
                // serves until the parent closes the pipe or ends
            }
        }
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
