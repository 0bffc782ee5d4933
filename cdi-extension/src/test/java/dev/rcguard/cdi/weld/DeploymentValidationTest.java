package dev.rcguard.cdi.weld;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rcguard.cdi.GuardExtension;
import dev.rcguard.spi.GuardConfig;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every use of the annotations that can never take effect fails the deployment, naming class, method and problem. */
class DeploymentValidationTest {

    @AfterEach
    void clearConfig() {
        System.clearProperty(GuardConfig.MODE);
        System.clearProperty(GuardConfig.TOKEN_SOURCE);
    }

    private static WeldContainer deploy(Class<?>... beans) {
        return new Weld()
                .disableDiscovery()
                .addExtension(new GuardExtension())
                .addBeanClasses(beans)
                .initialize();
    }

    private static String name(Class<?> type) {
        return type.getName();
    }

    @Test
    void blankId_failsTheDeployment() {
        assertThatThrownBy(() -> deploy(InvalidUses.BlankId.class))
                .hasMessageContaining(
                        name(InvalidUses.BlankId.class) + "#read: invalid RingCentral requirement: malformed id ''");
    }

    @Test
    void malformedId_failsTheDeployment() {
        assertThatThrownBy(() -> deploy(InvalidUses.MalformedId.class))
                .hasMessageContaining(name(InvalidUses.MalformedId.class)
                        + "#send: invalid RingCentral requirement: malformed id 'SMS Sending'");
    }

    @Test
    void targetExtensionNamingNoParameter_failsTheDeployment() {
        assertThatThrownBy(() -> deploy(InvalidUses.PlaceholderNamingNoParameter.class))
                .hasMessageContaining(name(InvalidUses.PlaceholderNamingNoParameter.class)
                        + "#read: targetExtension '{extensionId}' names no parameter of the method");
    }

    @Test
    void targetExtensionThatIsNoPlaceholder_failsTheDeployment() {
        assertThatThrownBy(() -> deploy(InvalidUses.TargetThatIsNoPlaceholder.class))
                .hasMessageContaining(name(InvalidUses.TargetThatIsNoPlaceholder.class)
                        + "#read: invalid RingCentral requirement: targetExtension 'extensionId' must be a path"
                        + " parameter placeholder");
    }

    @Test
    void annotatedPrivateMethod_failsTheDeployment() {
        assertThatThrownBy(() -> deploy(InvalidUses.PrivateMethod.class))
                .hasMessageContaining(
                        name(InvalidUses.PrivateMethod.class) + "#read: is private, so it can never be intercepted");
    }

    @Test
    void annotatedFinalMethod_failsTheDeployment() {
        assertThatThrownBy(() -> deploy(InvalidUses.FinalMethod.class))
                .hasMessageContaining(
                        name(InvalidUses.FinalMethod.class) + "#read: is final, so it can never be intercepted");
    }

    @Test
    void annotatedStaticMethod_failsTheDeployment() {
        assertThatThrownBy(() -> deploy(InvalidUses.StaticMethod.class))
                .hasMessageContaining(
                        name(InvalidUses.StaticMethod.class) + "#read: is static, so it can never be intercepted");
    }

    @Test
    void annotatedFinalClass_failsTheDeployment() {
        assertThatThrownBy(() -> deploy(InvalidUses.FinalClass.class))
                .hasMessageContaining(
                        name(InvalidUses.FinalClass.class) + " is a final class, so it can never be intercepted");
    }

    @Test
    void everyProblem_isReported_notJustTheFirst() {
        assertThatThrownBy(() -> deploy(InvalidUses.BlankId.class, InvalidUses.FinalMethod.class))
                .hasMessageContaining(name(InvalidUses.BlankId.class) + "#read")
                .hasMessageContaining(name(InvalidUses.FinalMethod.class) + "#read");
    }

    @Test
    void aTokenSourceClassWithTwoBeans_failsTheDeployment() {
        System.setProperty(GuardConfig.TOKEN_SOURCE, "class:" + name(InvalidUses.OneTokenSource.class));
        assertThatThrownBy(() -> deploy(InvalidUses.OneTokenSource.class, InvalidUses.AnotherTokenSource.class))
                .hasMessageContaining("rcguard.token-source names " + name(InvalidUses.OneTokenSource.class)
                        + ", of which the application has several beans");
    }

    @Test
    void aTokenSourceClassTheApplicationDoesNotHave_failsTheDeployment() {
        System.setProperty(GuardConfig.TOKEN_SOURCE, "class:com.example.NoSuchTokens");
        assertThatThrownBy(() -> deploy(InvalidUses.OneTokenSource.class))
                .hasMessageContaining(
                        "rcguard.token-source names com.example.NoSuchTokens, which the application does not have");
    }

    @Test
    void invalidConfiguration_failsTheDeployment_namingTheKey() {
        System.setProperty(GuardConfig.MODE, "sometimes");

        assertThatThrownBy(() -> deploy(Inbox.class))
                .hasMessageContaining("rcguard.mode must be enforce or report-only, was 'sometimes'");
    }

    @Test
    void validUses_deploy() {
        assertThatCode(() -> deploy(Inbox.class, Reader.class, Reader.NestedReader.class, CallArchive.class)
                        .close())
                .doesNotThrowAnyException();
    }
}
