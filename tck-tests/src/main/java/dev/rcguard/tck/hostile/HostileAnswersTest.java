package dev.rcguard.tck.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rcguard.servlet.RingCentralPermissionFilter;
import dev.rcguard.simulator.hostile.AnswerKind;
import dev.rcguard.simulator.hostile.Label;
import dev.rcguard.simulator.hostile.Trait;
import dev.rcguard.tck.hostile.fixture.GuardedResource;
import dev.rcguard.tck.hostile.fixture.GuardedService;
import dev.rcguard.tck.hostile.fixture.GuardedServlet;
import dev.rcguard.tck.hostile.fixture.HostileApplication;
import dev.rcguard.tck.support.Deployments;
import dev.rcguard.tck.support.Http;
import dev.rcguard.tck.support.Libraries;
import dev.rcguard.tck.support.Reply;
import dev.rcguard.tck.support.SuiteHostile;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every kind of answer of the hostile stand-in for RingCentral ({@code dev.rcguard.simulator.hostile}), through every
 * adapter of a deployed application: the JAX-RS filter, the CDI interceptor and the {@code web.xml} filter. Each kind
 * was labelled by hand, when it was written, as a genuine grant or not; that label is the oracle. A request passes
 * (200 and the endpoint's body) exactly on a genuine grant; every refusal is problem+json of the class the label
 * names, never echoes the caller's token, and no answer is ever read as another call's.
 */
@ExtendWith(ArquillianExtension.class)
class HostileAnswersTest {

    static final String WEB_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                <filter>
                    <filter-name>guarded</filter-name>
                    <filter-class>dev.rcguard.servlet.RingCentralPermissionFilter</filter-class>
                    <init-param><param-name>permissions</param-name><param-value>ReadMessages</param-value></init-param>
                </filter>
                <filter-mapping>
                    <filter-name>guarded</filter-name>
                    <url-pattern>/servlet/*</url-pattern>
                </filter-mapping>
                <servlet>
                    <servlet-name>guarded</servlet-name>
                    <servlet-class>dev.rcguard.tck.hostile.fixture.GuardedServlet</servlet-class>
                </servlet>
                <servlet-mapping>
                    <servlet-name>guarded</servlet-name>
                    <url-pattern>/servlet/*</url-pattern>
                </servlet-mapping>
            </web-app>
            """;

    /** Requests in flight at once: enough to be quick, few enough to measure the guard rather than the machine. */
    static final int PARALLEL = 8;

    static final ExecutorService CLIENTS = Executors.newFixedThreadPool(PARALLEL);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.cdi(
                        "hostile",
                        Map.of(
                                "rcguard.server-url", SuiteHostile.baseUri().toString(),
                                "rcguard.connect-timeout-ms", "1000",
                                "rcguard.read-timeout-ms", "2000"))
                .addAsLibrary(Libraries.jarOf(RingCentralPermissionFilter.class, "rcguard-servlet"))
                .addClasses(HostileApplication.class, GuardedResource.class, GuardedService.class, GuardedServlet.class)
                .setWebXML(new StringAsset(WEB_XML));
    }

    @ArquillianResource
    URL base;

    @AfterAll
    static void stopClients() {
        CLIENTS.shutdownNow();
    }

    @Test
    void jaxRsFilter_passesExactlyTheGenuineGrants() {
        assertEveryKind("api/guarded/permission", "jaxrs", AnswerKind::permissionLabel);
    }

    @Test
    void interceptorOnAServiceBean_passesExactlyTheGenuineGrants() {
        assertEveryKind("api/guarded/service", "bean", AnswerKind::permissionLabel);
    }

    @Test
    void webXmlFilter_passesExactlyTheGenuineGrants() {
        assertEveryKind("servlet/x", "servlet", AnswerKind::permissionLabel);
    }

    @Test
    void featuresOnTheJaxRsFilter_passOnlyWhenBothAskedIdsAreGenuinelyAvailable() {
        assertEveryKind("api/guarded/features", "features", kind -> bothFeatures(kind));
    }

    @Test
    void noAnswerIsEverReadAsAnotherCalls() {
        AnswerKind denial = plain(Label.DENIED);
        List<String> wrong = new ArrayList<>();
        for (AnswerKind kind : AnswerKind.values()) {
            if (!kind.has(Trait.LEFTOVER_BYTES)) {
                continue;
            }
            for (String path : List.of("api/guarded/permission", "servlet/x")) {
                Http.get(base, path, kind.token("first"));
                Reply next = Http.get(base, path, denial.token("after-" + kind.number()));
                if (next.status() != 403) {
                    wrong.add(denial + " after " + kind + " on " + path + ": " + next);
                }
            }
        }

        assertThat(wrong).isEmpty();
    }

    private void assertEveryKind(String path, String suffix, Function<AnswerKind, Label> labelOf) {
        Map<AnswerKind, CompletableFuture<Reply>> replies = new EnumMap<>(AnswerKind.class);
        for (AnswerKind kind : AnswerKind.values()) {
            replies.put(kind, CompletableFuture.supplyAsync(() -> Http.get(base, path, kind.token(suffix)), CLIENTS));
        }
        List<String> wrong = new ArrayList<>();
        int passed = 0;
        for (Map.Entry<AnswerKind, CompletableFuture<Reply>> entry : replies.entrySet()) {
            AnswerKind kind = entry.getKey();
            Label label = labelOf.apply(kind);
            Reply reply = entry.getValue().join();
            boolean ran = reply.status() == 200 && GuardedResource.RAN.equals(reply.body());
            passed += ran ? 1 : 0;
            if (reply.body().contains(kind.token(suffix))) {
                wrong.add(kind + " echoed the token: " + reply);
            }
            if (ran != label.isGrant()
                    && !(label.isGrant() && kind.has(Trait.READER_LIMITS) && reply.status() == 503)) {
                wrong.add(kind + " (" + label + ") answered " + reply);
            } else if (!ran && !isProblem(reply)) {
                wrong.add(kind + " was refused without problem+json: " + reply);
            } else if (!ran
                    && label.expectedStatus().isPresent()
                    && label.expectedStatus().getAsInt() != reply.status()) {
                wrong.add(kind + " (" + label + ") answered " + reply.status() + ": " + reply.body());
            }
        }
        System.out.printf(
                "hostile answers through %s: %d kinds, %d passed (%d labelled genuine grants), %d refused%n",
                path,
                replies.size(),
                passed,
                Arrays.stream(AnswerKind.values())
                        .filter(k -> labelOf.apply(k).isGrant())
                        .count(),
                replies.size() - passed);

        assertThat(wrong).as("kinds answered against their label").isEmpty();
    }

    private static boolean isProblem(Reply reply) {
        String type = reply.header("Content-Type");
        return type != null && type.startsWith("application/problem+json");
    }

    /** A grant of the features endpoint needs both asked ids granted; otherwise the first refusing id's label. */
    private static Label bothFeatures(AnswerKind kind) {
        Label first = kind.featureLabel(0);
        Label second = kind.featureLabel(1);
        if (first.isGrant() && second.isGrant()) {
            return Label.GRANT;
        }
        return first == second ? first : Label.REFUSED;
    }

    /** A kind with this label that completes at once and leaves nothing behind. */
    private static AnswerKind plain(Label label) {
        return Arrays.stream(AnswerKind.values())
                .filter(kind -> kind.permissionLabel() == label && kind.traits().isEmpty())
                .findFirst()
                .orElseThrow();
    }
}
