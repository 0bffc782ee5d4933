package dev.rcguard.servlet;

import jakarta.servlet.DispatcherType;
import java.net.URI;
import java.util.EnumSet;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * An embedded Jetty 12 ee10 server on 127.0.0.1 (no CDI), with {@link RecordingServlet} at {@code /*} unless the
 * test deploys its own context.
 *
 * <pre>{@code
 * JettyServer jetty = JettyServer.withServlet();
 * jetty.filter("messages", "/messages/*", Map.of("permissions", "ReadMessages"));
 * jetty.start();
 * }</pre>
 */
final class JettyServer implements AutoCloseable {

    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);
    private final ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
    private final RecordingServlet servlet = new RecordingServlet();

    private JettyServer() {
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
    }

    /** A server whose context holds {@link RecordingServlet} at {@code /*}. */
    static JettyServer withServlet() {
        JettyServer jetty = new JettyServer();
        jetty.context.setContextPath("/");
        jetty.context.addServlet(new ServletHolder("recording", jetty.servlet), "/*");
        jetty.server.setHandler(jetty.context);
        return jetty;
    }

    /** A server for the given handler, such as a {@code WebAppContext}. */
    static JettyServer with(Handler handler) {
        JettyServer jetty = new JettyServer();
        jetty.server.setHandler(handler);
        return jetty;
    }

    /** Sets the application's context parameters, where the application-wide {@code rcguard.*} names go. */
    JettyServer contextParams(Map<String, String> params) {
        params.forEach(context::setInitParameter);
        return this;
    }

    /** Declares a {@link RingCentralPermissionFilter} mapped to {@code pattern} on REQUEST. */
    JettyServer filter(String name, String pattern, Map<String, String> initParams) {
        FilterHolder holder = new FilterHolder(RingCentralPermissionFilter.class);
        holder.setName(name);
        holder.setInitParameters(initParams);
        context.addFilter(holder, pattern, EnumSet.of(DispatcherType.REQUEST));
        return this;
    }

    JettyServer start() throws Exception {
        server.start();
        return this;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + path);
    }

    RecordingServlet servlet() {
        return servlet;
    }

    ServletContextHandler context() {
        return context;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
