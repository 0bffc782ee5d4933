package dev.rcguard.demo;

import dev.rcguard.demo.login.SessionInfoServlet;
import dev.rcguard.demo.numbers.NumbersServlet;
import dev.rcguard.simulator.RingCentralSimulator;
import dev.rcguard.spi.GuardConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.session.ManagedSession;
import org.eclipse.jetty.util.resource.ResourceFactory;

/**
 * The running demo: the simulator as RingCentral (unless a real one is configured) and an embedded Jetty 12 on
 * 127.0.0.1 serving the demo web application ({@code WEB-INF/web.xml}: Weld, RESTEasy under {@code /api}, the servlet
 * filter on {@code /reports/*}), the page at {@code /} and its JSON helpers under {@code /demo/}:
 * {@link DemoInfoServlet}, and {@link NumbersServlet} at {@code /demo/numbers} (the application's checks by outcome,
 * calls saved and latency).
 *
 * <p>With the simulator, a second application at {@code /session} serves the same API, CDI service and report to a
 * caller signed in with RingCentral: its token source is the HTTP session ({@code session-attribute:rc.tokens}), and
 * the guard refreshes expired access tokens with the app's credentials. {@code rcguard.token-source} is
 * application-wide, so the header-token application at {@code /} and the session one are two applications, each with
 * its own class loader ({@link IsolatedClassLoader}), CDI container and guard, as two WARs on one server.
 *
 * <p>One demo at a time in a JVM: the application at {@code /} runs on the class path's own Weld, whose container is
 * one per class loader (a second demo's stop would end the first one's).
 *
 * <pre>{@code
 * try (Demo demo = Demo.start(DemoOptions.simulatorOnFreePort())) {
 *     URI messages = demo.baseUri().resolve("/api/messages");
 * }
 * }</pre>
 */
public final class Demo implements AutoCloseable {

    private static final String WEBAPP = "dev/rcguard/demo/webapp";
    private static final String SESSION_WEBAPP = "dev/rcguard/demo/session-webapp";

    /** The context path of the application whose callers sign in with RingCentral. */
    public static final String SESSION_APP = "/session";

    private final Server server;
    private final ServerConnector connector;
    private final RingCentralSimulator simulator;
    private final URI ringCentral;
    private final List<DemoCase> cases;
    private final String previousServerUrl;
    private Duration tokenLifetime;
    private WebAppContext sessionApp;

    private Demo(Server server, RingCentralSimulator simulator, URI ringCentral, List<DemoCase> cases) {
        this.server = server;
        this.connector = (ServerConnector) server.getConnectors()[0];
        this.simulator = simulator;
        this.ringCentral = ringCentral;
        this.cases = cases;
        // The guard's adapters read rcguard.server-url when the application starts.
        this.previousServerUrl = System.setProperty(GuardConfig.SERVER_URL, ringCentral.toString());
    }

    /**
     * Takes the port, then starts the simulator (when {@code options} names no real RingCentral) and the application,
     * and returns once both listen.
     *
     * @throws PortInUseException if the port is taken; nothing has started then
     */
    public static Demo start(DemoOptions options) throws PortInUseException {
        return start(options, step -> {});
    }

    /**
     * {@link #start(DemoOptions)}, telling {@code progress} each step as it begins, in words for a person watching:
     * {@code Starting the RingCentral simulator...}, {@code Starting Jetty on 127.0.0.1:8080...}.
     *
     * @throws PortInUseException if the port is taken; nothing has started then
     */
    public static Demo start(DemoOptions options, Consumer<String> progress) throws PortInUseException {
        Server server = bound(options.port());
        if (options.realServer() == null) {
            progress.accept("Starting the RingCentral simulator (RingCentral's own mock data; demo users "
                    + DemoUser.ALL.stream().map(DemoUser::name).collect(Collectors.joining(", ")) + ")...");
        } else {
            progress.accept("Using RingCentral at " + options.realServer() + " (no simulator)");
        }
        Demo demo = options.realServer() == null
                ? withSimulator(server, options.tokenLifetime())
                : withRealServer(server, options.realServer());
        progress.accept("Starting Jetty on 127.0.0.1:" + demo.connector.getLocalPort()
                + " with the demo application (Weld, RESTEasy and the guard)...");
        try {
            ContextHandlerCollection applications = new ContextHandlerCollection(demo.webApp());
            if (demo.simulator != null) {
                demo.tokenLifetime = options.tokenLifetime();
                demo.sessionApp = demo.sessionApp();
                applications.addHandler(demo.sessionApp);
            }
            server.setHandler(applications);
            server.start();
            return demo;
        } catch (Exception e) {
            demo.close();
            throw new IllegalStateException("The demo server did not start: " + e.getMessage(), e);
        }
    }

    /** A server whose connector already holds the port, so that a taken port is known before anything starts. */
    private static Server bound(int port) throws PortInUseException {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        try {
            connector.open();
            return server;
        } catch (IOException e) {
            if (causedByBind(e)) {
                throw new PortInUseException(port);
            }
            throw new UncheckedIOException("Cannot listen on 127.0.0.1:" + port, e);
        }
    }

    private static Demo withSimulator(Server server, Duration tokenLifetime) {
        RingCentralSimulator simulator = DemoUser.addAll(
                        RingCentralSimulator.builder().accessTokenLifetime(tokenLifetime))
                .start();
        DemoUser.expireTokens(simulator);
        List<DemoCase> cases = DemoCases.forSimulator(
                simulator.user(DemoUser.ALICE.token()).extensionId(),
                simulator.user(DemoUser.BOB.token()).extensionId());
        return new Demo(server, simulator, simulator.baseUri(), cases);
    }

    private static Demo withRealServer(Server server, URI ringCentral) {
        return new Demo(server, null, ringCentral, DemoCases.forRealServer());
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
        webApp.addServlet(new ServletHolder("demo-numbers", NumbersServlet.class), "/demo/numbers");
        return webApp;
    }

    /**
     * The application at {@link #SESSION_APP}: the same classes, loaded once more, with {@code session-webapp/WEB-INF/
     * web.xml}; its deployment settings (what a server's configuration would give it) are the simulator's address and
     * the app's OAuth credentials, and the simulator itself for the page's helpers.
     */
    private WebAppContext sessionApp() {
        WebAppContext webApp = new WebAppContext();
        webApp.setContextPath(SESSION_APP);
        webApp.setClassLoader(new IsolatedClassLoader(Demo.class.getClassLoader()));
        webApp.setBaseResource(ResourceFactory.of(webApp).newClassLoaderResource(SESSION_WEBAPP));
        webApp.setInitParameter("org.eclipse.jetty.servlet.Default.dirAllowed", "false");
        webApp.setInitParameter(GuardConfig.SERVER_URL, ringCentral.toString());
        webApp.setInitParameter(GuardConfig.CLIENT_ID, simulator.clientId());
        webApp.setInitParameter(GuardConfig.CLIENT_SECRET, simulator.clientSecret());
        webApp.setAttribute(SessionInfoServlet.SIMULATOR_ATTRIBUTE, simulator);
        webApp.setThrowUnavailableOnStartupException(true);
        ErrorPageErrorHandler errors = new ErrorPageErrorHandler();
        errors.setShowStacks(false);
        webApp.setErrorHandler(errors);
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

    /** Whether the application at {@link #SESSION_APP} runs: with the simulator only. */
    public boolean signInEnabled() {
        return sessionApp != null;
    }

    /** How long the access tokens of a sign-in live; {@code null} without the simulator. */
    public Duration tokenLifetime() {
        return tokenLifetime;
    }

    /**
     * An attribute of a session of the application at {@link #SESSION_APP}, by the value of its session cookie; for
     * tests that must know the tokens the server holds, to prove they never leave it.
     */
    Object sessionAttribute(String sessionCookie, String name) {
        if (sessionApp == null) {
            return null;
        }
        var sessions = sessionApp.getSessionHandler();
        ManagedSession session =
                sessions.getManagedSession(sessions.getSessionIdManager().getId(sessionCookie));
        return session == null || !session.isValid() ? null : session.getAttribute(name);
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
            connector.close(); // held since start(), even when the server itself never started
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
