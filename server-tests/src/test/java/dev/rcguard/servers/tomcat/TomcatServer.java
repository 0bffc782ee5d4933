package dev.rcguard.servers.tomcat;

import dev.rcguard.servers.support.FileTree;
import dev.rcguard.servers.support.Http;
import dev.rcguard.servers.support.Ports;
import dev.rcguard.servers.support.Reply;
import dev.rcguard.servers.support.ServerProcess;
import dev.rcguard.servers.support.Settings;
import dev.rcguard.servers.support.Wars;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * A real Tomcat from the {@code org.apache.tomcat:tomcat} distribution, started with its own {@code catalina.sh run}
 * on a fresh {@code CATALINA_BASE}: HTTP on 127.0.0.1:18080 only, shutdown port disabled, the distribution's
 * lifecycle listeners (its leak detection included), and the manager's text interface for deployments.
 *
 * <pre>{@code
 * try (TomcatServer tomcat = TomcatServer.start("tomcat-responses")) {
 *     tomcat.deploy("/plain", war);
 *     Reply reply = Http.get(tomcat.url("/plain/messages"), token);
 * }
 * }</pre>
 */
public final class TomcatServer implements AutoCloseable {

    public static final int HTTP_PORT = 18080;

    /** Tomcat's warnings when a stopped web application left something behind (WebappClassLoaderBase). */
    private static final Pattern LEAK_WARNING = Pattern.compile("memory leak|failed to stop it");

    private static final String MANAGER_USER = "rcguard-tests";

    private final Path base;
    private final String password;
    private final ServerProcess process;

    private TomcatServer(Path base, String password, ServerProcess process) {
        this.base = base;
        this.password = password;
        this.process = process;
    }

    /** Lays out {@code target/runs/<run>} as {@code CATALINA_BASE} and starts Tomcat on it. */
    public static TomcatServer start(String run) {
        Path home = Settings.server("rcguard.servers.tomcat.home");
        Ports.assertFree(HTTP_PORT);
        Path base = Settings.runDirectory(run);
        String password = UUID.randomUUID().toString();
        layOut(home, base, password);

        ProcessBuilder command =
                new ProcessBuilder("sh", home.resolve("bin/catalina.sh").toString(), "run").directory(base.toFile());
        Map<String, String> env = command.environment();
        env.keySet().removeAll(List.of("JAVA_OPTS", "CATALINA_OPTS", "JDK_JAVA_OPTIONS", "CATALINA_PID"));
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("CATALINA_HOME", home.toString());
        env.put("CATALINA_BASE", base.toString());
        env.put("CATALINA_TMPDIR", base.resolve("temp").toString());
        env.put("CATALINA_OPTS", "-Xms64m -Xmx512m");
        // catalina.sh run ends in "exec java": the process started here is Tomcat's JVM itself.
        ServerProcess process = ServerProcess.start("Tomcat", command, base.resolve("console.log"));
        TomcatServer tomcat = new TomcatServer(base, password, process);
        try {
            process.awaitReady(Settings.startupTimeout(), tomcat::managerAnswers);
            return tomcat;
        } catch (RuntimeException e) {
            tomcat.close();
            throw e;
        }
    }

    /** {@code http://127.0.0.1:18080} followed by {@code path}. */
    public String url(String path) {
        return "http://127.0.0.1:" + HTTP_PORT + path;
    }

    /** Deploys {@code war} at {@code contextPath}, replacing (undeploying) whatever is deployed there. */
    public void deploy(String contextPath, WebArchive war) {
        manager(Http.putBasic(
                url("/manager/text/deploy?update=true&path=" + contextPath), MANAGER_USER, password, Wars.bytes(war)));
    }

    /** Undeploys the application at {@code contextPath}: stops it and removes it. */
    public void undeploy(String contextPath) {
        manager(Http.getBasic(url("/manager/text/undeploy?path=" + contextPath), MANAGER_USER, password));
    }

    public ServerProcess process() {
        return process;
    }

    /** The lines of Tomcat's logs (its console and {@code logs/}) that warn of a leak left by a stopped application. */
    public List<String> leakWarnings() {
        String logs = process.consoleText() + "\n" + FileTree.readAll(base.resolve("logs"));
        return logs.lines()
                .filter(line -> LEAK_WARNING.matcher(line).find())
                .distinct()
                .toList();
    }

    @Override
    public void close() {
        process.close();
    }

    private boolean managerAnswers() {
        return Http.tryGet(url("/manager/text/serverinfo"))
                .map(reply -> reply.status() == 401 || reply.status() == 200)
                .orElse(false);
    }

    private static void manager(Reply reply) {
        if (reply.status() != 200 || !reply.body().startsWith("OK")) {
            throw new IllegalStateException("Tomcat's manager refused: " + reply);
        }
    }

    private static void layOut(Path home, Path base, String password) {
        try {
            FileTree.copy(home.resolve("conf"), base.resolve("conf"));
            for (String dir : List.of("logs", "temp", "webapps", "work", "conf/Catalina/localhost")) {
                Files.createDirectories(base.resolve(dir));
            }
            Files.writeString(base.resolve("conf/server.xml"), SERVER_XML.formatted(HTTP_PORT));
            Files.writeString(base.resolve("conf/tomcat-users.xml"), USERS_XML.formatted(MANAGER_USER, password));
            Files.writeString(
                    base.resolve("conf/Catalina/localhost/manager.xml"),
                    MANAGER_XML.formatted(home.resolve("webapps/manager")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The distribution's server.xml, less the shutdown port and AJP, with one connector on loopback. */
    private static final String SERVER_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Server port="-1" shutdown="SHUTDOWN">
              <Listener className="org.apache.catalina.startup.VersionLoggerListener" />
              <Listener className="org.apache.catalina.core.JreMemoryLeakPreventionListener" />
              <Listener className="org.apache.catalina.mbeans.GlobalResourcesLifecycleListener" />
              <Listener className="org.apache.catalina.core.ThreadLocalLeakPreventionListener" />
              <GlobalNamingResources>
                <Resource name="UserDatabase" auth="Container" type="org.apache.catalina.UserDatabase"
                          factory="org.apache.catalina.users.MemoryUserDatabaseFactory" pathname="conf/tomcat-users.xml" />
              </GlobalNamingResources>
              <Service name="Catalina">
                <Connector address="127.0.0.1" port="%d" protocol="HTTP/1.1" connectionTimeout="20000" />
                <Engine name="Catalina" defaultHost="localhost">
                  <Realm className="org.apache.catalina.realm.LockOutRealm">
                    <Realm className="org.apache.catalina.realm.UserDatabaseRealm" resourceName="UserDatabase"/>
                  </Realm>
                  <Host name="localhost" appBase="webapps" unpackWARs="true" autoDeploy="false" />
                </Engine>
              </Service>
            </Server>
            """;

    private static final String USERS_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <tomcat-users xmlns="http://tomcat.apache.org/xml" version="1.0">
              <role rolename="manager-script"/>
              <user username="%s" password="%s" roles="manager-script"/>
            </tomcat-users>
            """;

    /** The distribution's manager application, reachable from loopback only. */
    private static final String MANAGER_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Context docBase="%s" privileged="true" antiResourceLocking="false">
              <Valve className="org.apache.catalina.valves.RemoteAddrValve" allow="127\\.\\d+\\.\\d+\\.\\d+" />
            </Context>
            """;
}
