package dev.rcguard.demo;

import dev.rcguard.config.GuardConfig;
import dev.rcguard.simulator.RingCentralSimulator;
import java.net.BindException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.resource.ResourceFactory;

/**
 * The running demo: the simulator as RingCentral (unless a real one is configured) and an embedded Jetty 12 on
 * 127.0.0.1 serving the demo web application ({@code WEB-INF/web.xml}: Weld, RESTEasy under {@code /api}, the servlet
 * filter on {@code /reports/*}), the page at {@code /} and its JSON helpers under {@code /demo/}.
 *
 * <pre>{@code
 * try (Demo demo = Demo.start(DemoOptions.simulatorOnFreePort())) {
 *     URI messages = demo.baseUri().resolve("/api/messages");
 * }
 * }</pre>
 */
public final class Demo implements AutoCloseable {

    private static final String WEBAPP = "dev/rcguard/demo/webapp";

    private final RingCentralSimulator simulator;
    private final URI ringCentral;
    private final List<DemoCase> cases;
    private final String previousServerUrl;
    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);

    private Demo(RingCentralSimulator simulator, URI ringCentral, List<DemoCase> cases) {
        this.simulator = simulator;
        this.ringCentral = ringCentral;
        this.cases = cases;
        // The guard's adapters read rcguard.server-url when the application starts.
        this.previousServerUrl = System.setProperty(GuardConfig.SERVER_URL, ringCentral.toString());
    }

    /**
     * Starts the simulator (when {@code options} names no real RingCentral) and the server, and returns once both
     * listen.
     *
     * @throws PortInUseException if the port is taken; nothing is left running then
     */
    public static Demo start(DemoOptions options) throws PortInUseException {
        Demo demo = options.realServer() == null ? withSimulator() : withRealServer(options.realServer());
        try {
            demo.startServer(options.port());
            return demo;
        } catch (PortInUseException | RuntimeException e) {
            demo.close();
            throw e;
        }
    }

    private static Demo withSimulator() {
        RingCentralSimulator simulator =
                DemoUser.addAll(RingCentralSimulator.builder()).start();
        DemoUser.expireTokens(simulator);
        List<DemoCase> cases = DemoCases.forSimulator(
                simulator.user(DemoUser.ALICE.token()).extensionId(),
                simulator.user(DemoUser.BOB.token()).extensionId());
        return new Demo(simulator, simulator.baseUri(), cases);
    }

    private static Demo withRealServer(URI server) {
        return new Demo(null, server, DemoCases.forRealServer());
    }

    private void startServer(int port) throws PortInUseException {
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(webApp());
        try {
            server.start();
        } catch (Exception e) {
            if (causedByBind(e)) {
                throw new PortInUseException(port);
            }
            throw new IllegalStateException("The demo server did not start: " + e.getMessage(), e);
        }
    }

    private WebAppContext webApp() {
        WebAppContext webApp = new WebAppContext();
        webApp.setContextPath("/");
        // The application's classes and libraries are on the class path: no WEB-INF/lib, no separate class loader.
        webApp.setClassLoader(Demo.class.getClassLoader());
        webApp.setBaseResource(ResourceFactory.of(webApp).newClassLoaderResource(WEBAPP));
        webApp.setInitParameter("org.eclipse.jetty.servlet.Default.dirAllowed", "false");
        webApp.setThrowUnavailableOnStartupException(true);
        ErrorPageErrorHandler errors = new ErrorPageErrorHandler();
        errors.setShowStacks(false);
        webApp.setErrorHandler(errors);
        webApp.addServlet(new ServletHolder("demo-info", new DemoInfoServlet(this)), "/demo/*");
        return webApp;
    }

    private static boolean causedByBind(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    /** {@code http://127.0.0.1:<port>/}. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/");
    }

    /** The simulator, unless the demo asks a real RingCentral. */
    public Optional<RingCentralSimulator> simulator() {
        return Optional.ofNullable(simulator);
    }

    /** The RingCentral server the guard asks. */
    public URI ringCentral() {
        return ringCentral;
    }

    /** The documented requests. */
    public List<DemoCase> cases() {
        return cases;
    }

    /** The demo users; none against a real RingCentral. */
    public List<DemoUser> users() {
        return simulator == null ? List.of() : DemoUser.ALL;
    }

    /** Stops the server, then the simulator. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            System.getLogger(Demo.class.getName()).log(System.Logger.Level.WARNING, "Stopping the server failed", e);
        } finally {
            if (simulator != null) {
                simulator.close();
            }
            if (previousServerUrl == null) {
                System.clearProperty(GuardConfig.SERVER_URL);
            } else {
                System.setProperty(GuardConfig.SERVER_URL, previousServerUrl);
            }
        }
    }
}
