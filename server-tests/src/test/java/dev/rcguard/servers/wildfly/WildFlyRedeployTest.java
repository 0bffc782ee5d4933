package dev.rcguard.servers.wildfly;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rcguard.servers.fixture.AsyncCheckServlet;
import dev.rcguard.servers.fixture.GuardedApplication;
import dev.rcguard.servers.fixture.MessagesResource;
import dev.rcguard.servers.fixture.MessagesServlet;
import dev.rcguard.servers.support.Http;
import dev.rcguard.servers.support.LibraryThreads;
import dev.rcguard.servers.support.LogRecords;
import dev.rcguard.servers.support.Reply;
import dev.rcguard.servers.support.ThreadDump.ServerThread;
import dev.rcguard.servers.support.Wars;
import dev.rcguard.servers.support.WebXml;
import dev.rcguard.simulator.RateLimits;
import dev.rcguard.simulator.RingCentralSimulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Redeploying an application guarded by the annotation ({@code rcguard-cdi}) and the {@code web.xml} filter leaks
 * nothing into WildFly: the threads each deployment's guard started end when that deployment stops.
 */
class WildFlyRedeployTest {

    private static final String WAR = "leaky.war";
    private static final String READER = "wildfly-reader-token";
    private static final String OUTSIDER = "wildfly-outsider-token";
    private static final int REDEPLOYS = 3;
    /** Threads of a stopped application get this long to end: far more than a pool's shutdown needs. */
    private static final Duration THREADS_END = Duration.ofSeconds(10);
    /** server.log's records start with a timestamp: {@code 2026-11-29 03:04:00,496 WARN  [category] ...}. */
    private static final Pattern RECORD = Pattern.compile("^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2},\\d{3} ");

    private static RingCentralSimulator simulator;
    private static WildFlyServer wildfly;

    @BeforeAll
    static void start() {
        simulator = RingCentralSimulator.builder()
                .rateLimits(RateLimits.disabled())
                .user(u -> u.token(READER).grant("ReadMessages"))
                .user(u -> u.token(OUTSIDER))
                .start();
        wildfly = WildFlyServer.start("wildfly-redeploy"); // @AfterAll runs even if this throws
    }

    @AfterAll
    static void stop() {
        try {
            if (wildfly != null) {
                wildfly.close();
            }
        } finally {
            if (simulator != null) {
                simulator.close();
            }
        }
    }

    @Test
    void redeployingThreeTimesThenUndeploying_leavesNoLibraryThreadAndNoWarning() {
        SoftAssertions soft = new SoftAssertions();
        LibraryThreads threads = LibraryThreads.watch(wildfly.process());

        wildfly.deploy(war());
        assertGuarded();
        assertThat(threads.now())
                .as("the asynchronous check started the library's client threads")
                .anyMatch(thread -> thread.name().startsWith("rcguard-"));

        for (int redeploy = 1; redeploy <= REDEPLOYS; redeploy++) {
            List<ServerThread> previous = threads.now();
            wildfly.redeploy(war());
            assertGuarded();
            soft.assertThat(threads.awaitGone(previous, THREADS_END))
                    .as("library threads of the deployment replaced by redeploy %d, still running", redeploy)
                    .isEmpty();
        }

        List<ServerThread> all = threads.now();
        wildfly.undeploy(WAR);
        soft.assertThat(threads.awaitGone(all, THREADS_END))
                .as("library threads of any deployment still running %s after the undeploy", THREADS_END)
                .isEmpty();
        soft.assertThat(warningsAboutTheLibrary())
                .as("WARN and ERROR records of server.log naming the library or %s", WAR)
                .isEmpty();
        soft.assertAll();
    }

    @Test
    void listensOnLoopbackOnly() {
        assertThat(wildfly.process().nonLoopbackListeners()).isEmpty();
    }

    /**
     * WARN and ERROR records (stack traces included) naming the library (its packages or its threads) or the
     * deployment. Not the bare word: the checkout's own folder may be called {@code rcguard}.
     */
    private static List<String> warningsAboutTheLibrary() {
        return LogRecords.split(wildfly.serverLog(), RECORD).stream()
                .filter(record -> record.matches("(?s)^\\S+ \\S+ (WARN|ERROR) .*"))
                .filter(record -> record.contains("dev.rcguard") || record.contains("rcguard-") || record.contains(WAR))
                .toList();
    }

    /** The annotation on the JAX-RS resource and the filter in web.xml guard the new deployment; checkAsync answers. */
    private static void assertGuarded() {
        Reply resource = Http.get(wildfly.url("/leaky/api/messages"), READER);
        assertThat(resource.status()).as("%s", resource).isEqualTo(200);
        assertThat(resource.body()).isEqualTo(MessagesResource.BODY);

        Reply denied = Http.get(wildfly.url("/leaky/api/messages"), OUTSIDER);
        assertThat(denied.status()).as("%s", denied).isEqualTo(403);
        assertThat(denied.json().getString("permission")).isEqualTo("ReadMessages");

        Reply servlet = Http.get(wildfly.url("/leaky/servlet/messages"), READER);
        assertThat(servlet.status()).as("%s", servlet).isEqualTo(200);
        assertThat(servlet.body()).isEqualTo(MessagesServlet.BODY);

        Reply async = Http.get(wildfly.url("/leaky/async-check"), READER); // its calls run on the library's threads
        assertThat(async.status()).as("%s", async).isEqualTo(200);
        assertThat(async.body()).isEqualTo("GRANTED");
    }

    private static WebArchive war() {
        String webXml = WebXml.create()
                .filter("servlet-messages", "/servlet/*", Map.of("permissions", "ReadMessages"))
                .servlet("messages", MessagesServlet.class, "/servlet/messages")
                .servlet("async-check", AsyncCheckServlet.class, "/async-check")
                .toString();
        return Wars.onApplicationServer("leaky", simulator.baseUri().toString())
                .addClasses(
                        GuardedApplication.class,
                        MessagesResource.class,
                        MessagesServlet.class,
                        AsyncCheckServlet.class)
                .setWebXML(new StringAsset(webXml));
    }
}
