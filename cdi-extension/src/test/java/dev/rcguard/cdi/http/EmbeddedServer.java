package dev.rcguard.cdi.http;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.ws.rs.core.Application;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.jboss.resteasy.plugins.server.servlet.HttpServlet30Dispatcher;

/**
 * Jetty 12 (ee10) + Weld servlet + RESTEasy on 127.0.0.1 and an ephemeral port: the stack a WAR gets on a servlet
 * container, started in-process. Weld discovers the bean archives on the class path ({@code META-INF/beans.xml}) and
 * the portable extensions in {@code META-INF/services}; RESTEasy serves {@code application} with CDI injection and
 * the providers listed in {@code META-INF/services/jakarta.ws.rs.ext.Providers}. Servlet filters, if given, run first.
 *
 * <pre>{@code
 * try (EmbeddedServer server = EmbeddedServer.start(MyApplication.class)) {
 *     URI uri = server.uri("/messages");
 * }
 * }</pre>
 */
public final class EmbeddedServer implements AutoCloseable {

    private final Server server;

    private EmbeddedServer(Server server) {
        this.server = server;
    }

    public static EmbeddedServer start(Class<? extends Application> application, Filter... servletFilters)
            throws Exception {
        return start("/", "/*", application, servletFilters);
    }

    /**
     * The application under a context path ({@code /shop}) and a servlet mapping ({@code /api/*}): its resources are
     * then at {@code /shop/api/...}.
     */
    public static EmbeddedServer start(
            String contextPath, String mapping, Class<? extends Application> application, Filter... servletFilters)
            throws Exception {
        Server server = new Server(new InetSocketAddress("127.0.0.1", 0));
        ServletContextHandler context = new ServletContextHandler(contextPath);
        context.addEventListener(new org.jboss.weld.environment.servlet.Listener());
        ServletHolder rest = new ServletHolder("resteasy", HttpServlet30Dispatcher.class);
        rest.setInitParameter("jakarta.ws.rs.Application", application.getName());
        rest.setInitParameter("resteasy.injector.factory", "org.jboss.resteasy.cdi.CdiInjectorFactory");
        if (!mapping.equals("/*")) { // RESTEasy's own word for a mapping under a prefix
            rest.setInitParameter("resteasy.servlet.mapping.prefix", mapping.substring(0, mapping.length() - 2));
        }
        rest.setAsyncSupported(true);
        rest.setInitOrder(1);
        for (Filter filter : servletFilters) {
            context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
        }
        context.addServlet(rest, mapping);
        server.setHandler(context);
        server.start();
        return new EmbeddedServer(server);
    }

    /** {@code http://127.0.0.1:<port><path>}. */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getURI().getPort() + path);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty did not stop", e);
        }
    }
}
