package dev.rcguard.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rcguard.Decision.Outcome;
import dev.rcguard.Logical;
import dev.rcguard.PermissionCheckEvent;
import dev.rcguard.PermissionCheckListener;
import dev.rcguard.simulator.RateLimits;
import dev.rcguard.simulator.RingCentralSimulator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The application's {@link PermissionCheckListener}s, registered as Java services in its class loader, receive every
 * check the guard makes, with who, what and how, never the token; one that throws changes no decision.
 */
class PermissionCheckListenerTest {

    /** Held, so that the logger (and the handler added to it) is not collected during a test. */
    static final Logger RCGUARD_LOG = Logger.getLogger("dev.rcguard");

    static final String ALICE = "listener-alice-token";
    static final Requirement READ_MESSAGES = Requirement.permissions(Logical.ALL, "ReadMessages");
    static final Requirement READ_CALL_LOG = Requirement.permissions(Logical.ALL, "ReadCallLog");

    /** What the listeners below received. */
    static final List<PermissionCheckEvent> RECEIVED = new CopyOnWriteArrayList<>();

    public static class Recording implements PermissionCheckListener {
        @Override
        public void onCheck(PermissionCheckEvent event) {
            RECEIVED.add(event);
        }
    }

    public static class Failing implements PermissionCheckListener {
        @Override
        public void onCheck(PermissionCheckEvent event) {
            throw new IllegalStateException("the audit database is down");
        }
    }

    RingCentralSimulator ringCentral;
    PermissionGuard guard;
    final List<LogRecord> warnings = new CopyOnWriteArrayList<>();
    final Handler logs = new Handler() {
        @Override
        public void publish(LogRecord record) {
            warnings.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void start() {
        RECEIVED.clear();
        ringCentral = RingCentralSimulator.builder()
                .rateLimits(RateLimits.disabled())
                .user(u -> u.token(ALICE).extensionId("1001").grant("ReadMessages"))
                .start();
        guard = WithListeners.guard(
                GuardConfig.defaults().withServerUrl(ringCentral.baseUri()), Failing.class, Recording.class);
        RCGUARD_LOG.addHandler(logs);
    }

    @AfterEach
    void stop() {
        RCGUARD_LOG.removeHandler(logs);
        guard.close();
        ringCentral.close();
    }

    Verdict enforce(String endpoint, Requirement requirement, Caller caller, String target, GuardConfig.Mode mode) {
        return guard.enforce(endpoint, requirement, caller, target, RequestMemo.create(), mode);
    }

    @Test
    void aGrantADenialAndAMissingToken_areThreeEvents_namingTheUserRingCentralNamed() {
        enforce("GET /messages", READ_MESSAGES, Caller.of(ALICE), null, GuardConfig.Mode.ENFORCE);
        enforce("GET /calls", READ_CALL_LOG, Caller.of(ALICE), null, GuardConfig.Mode.ENFORCE);
        enforce("GET /messages", READ_MESSAGES, null, null, GuardConfig.Mode.ENFORCE);

        assertThat(RECEIVED).hasSize(3);
        PermissionCheckEvent granted = RECEIVED.get(0);
        assertThat(granted.endpoint()).isEqualTo("GET /messages");
        assertThat(granted.accountId()).isEqualTo(ringCentral.user(ALICE).accountId());
        assertThat(granted.extensionId()).isEqualTo("1001");
        assertThat(granted.requirement()).isEqualTo(READ_MESSAGES);
        assertThat(granted.targetExtensionId()).isNull();
        assertThat(granted.decision().outcome()).isEqualTo(Outcome.GRANTED);
        assertThat(granted.reasonCode()).isNull();
        assertThat(granted.latency()).isPositive();
        assertThat(granted.enforced()).isTrue();
        PermissionCheckEvent denied = RECEIVED.get(1);
        assertThat(denied.decision().outcome()).isEqualTo(Outcome.DENIED);
        assertThat(denied.reasonCode()).isEqualTo("InsufficientPermissions");
        assertThat(denied.extensionId()).isEqualTo("1001");
        PermissionCheckEvent anonymous = RECEIVED.get(2);
        assertThat(anonymous.decision().outcome()).isEqualTo(Outcome.UNAUTHENTICATED);
        assertThat(anonymous.accountId()).isNull();
        assertThat(anonymous.extensionId()).isNull();
        assertThat(RECEIVED).allSatisfy(event -> assertThat(event.toString()).doesNotContain(ALICE));
    }

    @Test
    void aTargetAndReportOnlyMode_areInTheEvent() {
        Requirement forwarded = new Requirement(new Requirement.Rule(List.of("ReadMessages"), Logical.ALL), null, "id");

        Verdict verdict =
                enforce("GET /users/{id}/messages", forwarded, Caller.of(ALICE), "1001", GuardConfig.Mode.REPORT_ONLY);

        assertThat(verdict.proceeds()).isTrue();
        assertThat(RECEIVED).singleElement().satisfies(event -> {
            assertThat(event.targetExtensionId()).isEqualTo("1001");
            assertThat(event.enforced()).isFalse();
        });
    }

    @Test
    void aListenerThatThrows_isLogged_andChangesNoDecision() {
        Verdict granted = enforce("GET /messages", READ_MESSAGES, Caller.of(ALICE), null, GuardConfig.Mode.ENFORCE);
        Verdict denied = enforce("GET /calls", READ_CALL_LOG, Caller.of(ALICE), null, GuardConfig.Mode.ENFORCE);

        assertThat(granted.proceeds()).isTrue();
        assertThat(denied.proceeds()).isFalse();
        assertThat(RECEIVED).hasSize(2); // the failing listener did not keep the next one from its event
        assertThat(warnings)
                .filteredOn(record -> record.getMessage().contains(Failing.class.getName()))
                .hasSize(2)
                .allSatisfy(record -> assertThat(record.getThrown()).hasMessage("the audit database is down"));
    }
}
