package dev.rcguard.cdi.weld;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rcguard.Decision;
import dev.rcguard.PermissionDeniedException;
import dev.rcguard.cdi.GuardExtension;
import dev.rcguard.cdi.http.TestConfig;
import dev.rcguard.simulator.Endpoint;
import dev.rcguard.testkit.SimulatedRingCentral;
import dev.rcguard.testkit.WithRingCentralSimulator;
import jakarta.enterprise.context.control.RequestContextController;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The interceptor's semantics in a real CDI container (Weld SE), against the simulator. */
@WithRingCentralSimulator
class InterceptorTest {

    static SimulatedRingCentral ringCentral;
    WeldContainer container;

    @BeforeAll
    static void configure() {
        TestConfig.timeoutsAndMode("enforce"); // rcguard.server-url: the test kit's simulator
        TestConfig.tokenSource(FixedToken.class);
    }

    @AfterAll
    static void clearConfiguration() {
        TestConfig.clear();
    }

    @BeforeEach
    void boot() {
        ringCentral.addUser(u -> u.token("alice").grant("ReadMessages").feature("SMSSending", true));
        ringCentral.addUser(u -> u.token("admin").grant("AccountAdministration").grant("ReadCallLog"));
        Audit.EVENTS.clear();
        FixedToken.token = "alice";
        container = new Weld()
                .disableDiscovery()
                .addExtension(new GuardExtension()) // discovery off: Weld SE then skips META-INF/services
                .addBeanClasses(
                        FixedToken.class,
                        Inbox.class,
                        Reader.class,
                        Reader.NestedReader.class,
                        CallArchive.class,
                        Audit.class)
                .initialize();
    }

    @AfterEach
    void shutdown() {
        container.close();
    }

    @Test
    void methodLevelAnnotation_replacesTheClassLevelOne() {
        assertThat(container.select(Inbox.class).get().read()).isEqualTo("read");
        assertThat(ringCentral.counters().calls("alice", "AccountAdministration"))
                .isZero();
    }

    @Test
    void classLevelAnnotation_coversUnannotatedMethods() {
        assertThatThrownBy(() -> container.select(Inbox.class).get().administer())
                .isInstanceOfSatisfying(PermissionDeniedException.class, denial -> {
                    assertThat(denial.decision().outcome()).isEqualTo(Decision.Outcome.DENIED);
                    assertThat(denial.decision().id()).isEqualTo("AccountAdministration");
                    assertThat(denial.decision().reason().code()).isEqualTo("InsufficientPermissions");
                });
    }

    @Test
    void permissionAndFeatureOnOneMethod_mustBothHold() {
        FixedToken.token = "admin"; // has AccountAdministration, but no SMSSending feature
        assertThatThrownBy(() -> container.select(Inbox.class).get().sendSms())
                .isInstanceOfSatisfying(PermissionDeniedException.class, denial -> {
                    assertThat(denial.decision().kind()).isEqualTo(Decision.Kind.FEATURE);
                    assertThat(denial.decision().id()).isEqualTo("SMSSending");
                });
        ringCentral.user("admin").feature("SMSSending", true);

        assertThat(container.select(Inbox.class).get().sendSms()).isEqualTo("sent");
    }

    @Test
    void classLevelAnnotation_isInherited() {
        assertThatThrownBy(() -> container.select(CallArchive.class).get().list())
                .isInstanceOfSatisfying(
                        PermissionDeniedException.class,
                        denial -> assertThat(denial.decision().id()).isEqualTo("ReadCallLog"));
        FixedToken.token = "admin";

        assertThat(container.select(CallArchive.class).get().list()).isEqualTo("calls");
    }

    @Test
    void noToken_isUnauthenticated_withoutAnUpstreamCall() {
        FixedToken.token = null;

        assertThatThrownBy(() -> container.select(Reader.class).get().read())
                .isInstanceOfSatisfying(PermissionDeniedException.class, denial -> {
                    assertThat(denial.decision().outcome()).isEqualTo(Decision.Outcome.UNAUTHENTICATED);
                    assertThat(denial.decision().reason()).isNull();
                });
        assertThat(ringCentral.counters().total()).isZero();
    }

    @Test
    void nestedBeansInOneRequestContext_askOncePerId() {
        RequestContextController requestContext =
                container.select(RequestContextController.class).get();
        requestContext.activate();
        try {
            assertThat(container.select(Reader.class).get().read()).isEqualTo("nested read");
            assertThat(container.select(Reader.class).get().read()).isEqualTo("nested read");
        } finally {
            requestContext.deactivate();
        }

        assertThat(ringCentral.counters().calls(Endpoint.PERMISSION_CHECK, "alice", "ReadMessages"))
                .isEqualTo(1);
    }

    @Test
    void withoutARequestContext_eachCallAsksAgain() {
        container.select(Reader.class).get().read();

        assertThat(ringCentral.counters().calls(Endpoint.PERMISSION_CHECK, "alice", "ReadMessages"))
                .isEqualTo(2);
    }

    @Test
    void targetExtension_isTheNamedArgument_andMustBeAnId() {
        assertThat(container.select(Reader.class).get().readOf("~")).isEqualTo("messages of ~");
        ringCentral.counters().reset();

        assertThatThrownBy(() -> container.select(Reader.class).get().readOf("../admin"))
                .isInstanceOfSatisfying(
                        PermissionDeniedException.class,
                        denial -> assertThat(denial.decision().reason().code()).isEqualTo("CMN-101"));
        assertThat(ringCentral.counters().total()).isZero();
    }

    @Test
    void everyDecision_firesAnAuditEvent() {
        container.select(Inbox.class).get().read();
        assertThatThrownBy(() -> container.select(Inbox.class).get().administer())
                .isInstanceOf(PermissionDeniedException.class);

        assertThat(Audit.EVENTS).hasSize(2);
        assertThat(Audit.EVENTS.get(0).endpoint()).isEqualTo(Inbox.class.getName() + "#read");
        assertThat(Audit.EVENTS.get(0).decision().isGranted()).isTrue();
        assertThat(Audit.EVENTS.get(1).endpoint()).isEqualTo(Inbox.class.getName() + "#administer");
        assertThat(Audit.EVENTS.get(1).reasonCode()).isEqualTo("InsufficientPermissions");
        assertThat(Audit.EVENTS.get(1).enforced()).isTrue();
        assertThat(Audit.EVENTS)
                .allSatisfy(event -> assertThat(event.toString()).doesNotContain("alice"));
    }
}
