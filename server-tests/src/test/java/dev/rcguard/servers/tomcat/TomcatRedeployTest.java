package dev.rcguard.servers.tomcat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rcguard.servers.fixture.AsyncCheckServlet;
import dev.rcguard.servers.fixture.MessagesServlet;
import dev.rcguard.servers.support.Http;
import dev.rcguard.servers.support.LibraryThreads;
import dev.rcguard.servers.support.Reply;
import dev.rcguard.servers.support.ThreadDump.ServerThread;
import dev.rcguard.servers.support.Wars;
import dev.rcguard.servers.support.WebXml;
import dev.rcguard.simulator.RateLimits;
import dev.rcguard.simulator.RingCentralSimulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Redeploying an application that uses the servlet filter leaks nothing into Tomcat: the threads its guard started
 * end with it, and Tomcat's leak detection (WebappClassLoaderBase) has nothing to warn about.
 */
class TomcatRedeployTest {

    private static final String CONTEXT = "/leaky";
    private static final String READER = "redeploy-reader-token";
    private static final int REDEPLOYS = 3;
    /** Threads of a stopped application get this long to end: far more than a pool's shutdown needs. */
    private static final Duration THREADS_END = Duration.ofSeconds(10);

    private static RingCentralSimulator simulator;
    private static TomcatServer tomcat;

    @BeforeAll
    static void start() {
        simulator = RingCentralSimulator.builder()
                .rateLimits(RateLimits.disabled())
                .user(u -> u.token(READER).grant("ReadMessages"))
                .start();
        tomcat = TomcatServer.start("tomcat-redeploy"); // @AfterAll runs even if this throws
    }

    @AfterAll
    static void stop() {
        try {
            if (tomcat != null) {
                tomcat.close();
            }
        } finally {
            if (simulator != null) {
                simulator.close();
            }
        }
    }

    @Test
    void redeployingThreeTimesThenUndeploying_leavesNoLibraryThreadAndNoLeakWarning() {
        SoftAssertions soft = new SoftAssertions();
        LibraryThreads threads = LibraryThreads.watch(tomcat.process());

        tomcat.deploy(CONTEXT, war());
        assertGuardedRequestGranted();
        assertThat(threads.now())
                .as("the asynchronous check started the library's client threads")
                .anyMatch(thread -> thread.name().startsWith("rcguard-"));

        for (int redeploy = 1; redeploy <= REDEPLOYS; redeploy++) {
            List<ServerThread> previous = threads.now();
            tomcat.deploy(CONTEXT, war());
            assertGuardedRequestGranted();
            soft.assertThat(threads.awaitGone(previous, THREADS_END))
                    .as("library threads of the application replaced by redeploy %d, still running", redeploy)
                    .isEmpty();
        }

        List<ServerThread> all = threads.now();
        tomcat.undeploy(CONTEXT);
        soft.assertThat(threads.awaitGone(all, THREADS_END))
                .as("library threads of any deployment still running %s after the undeploy", THREADS_END)
                .isEmpty();
        soft.assertThat(tomcat.leakWarnings())
                .as("Tomcat's warnings of threads or memory left behind by a stopped application")
                .isEmpty();
        soft.assertAll();
    }

    /** A request through the filter, whose calls run on the request's thread; one through checkAsync, on the library's. */
    private static void assertGuardedRequestGranted() {
        Reply reply = Http.get(tomcat.url(CONTEXT + "/messages"), READER);
        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        assertThat(reply.body()).isEqualTo(MessagesServlet.BODY);

        Reply async = Http.get(tomcat.url(CONTEXT + "/async-check"), READER);
        assertThat(async.status()).as("%s", async).isEqualTo(200);
        assertThat(async.body()).isEqualTo("GRANTED");
    }

    private static WebArchive war() {
        String webXml = WebXml.create()
                .contextParam("rcguard.server-url", simulator.baseUri().toString())
                .filter("messages", "/messages/*", Map.of("permissions", "ReadMessages"))
                .servlet("messages", MessagesServlet.class, "/messages/*")
                .servlet("async-check", AsyncCheckServlet.class, "/async-check")
                .toString();
        return Wars.plainContainer("leaky", webXml).addClasses(MessagesServlet.class, AsyncCheckServlet.class);
    }
}
