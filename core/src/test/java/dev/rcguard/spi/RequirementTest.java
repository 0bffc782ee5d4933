package dev.rcguard.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rcguard.InvalidRequirementException;
import dev.rcguard.Logical;
import dev.rcguard.RequiresRingCentralFeature;
import dev.rcguard.RequiresRingCentralPermission;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequirementTest {

    @RequiresRingCentralPermission("ReadMessages")
    @RequiresRingCentralFeature("SMSSending")
    static class Messages {
        public void list() {}

        @RequiresRingCentralPermission(
                value = {"EditMessages", "ReadMessages"},
                logical = Logical.ANY)
        public void edit() {}

        @RequiresRingCentralPermission(value = "ReadCallLog", targetExtension = "{extensionId}")
        public void callLog(String extensionId) {}
    }

    static class SubMessages extends Messages {
        public void inherited() {}
    }

    static class Broken {
        @RequiresRingCentralPermission(" ")
        public void blank() {}

        @RequiresRingCentralPermission("Read-Messages")
        public void malformed() {}

        @RequiresRingCentralPermission(value = "ReadMessages", targetExtension = "extensionId")
        public void noPlaceholder() {}

        @RequiresRingCentralFeature({})
        public void empty() {}
    }

    static Requirement of(Class<?> type, String method) throws NoSuchMethodException {
        Method m = method.equals("callLog") ? type.getMethod(method, String.class) : type.getMethod(method);
        return Requirement.resolve(type, m).orElseThrow();
    }

    @Test
    void classLevelAnnotationsApplyToEveryMethod() throws Exception {
        Requirement r = of(Messages.class, "list");
        assertThat(r.permissions()).isEqualTo(new Requirement.Rule(List.of("ReadMessages"), Logical.ALL));
        assertThat(r.features()).isEqualTo(new Requirement.Rule(List.of("SMSSending"), Logical.ALL));
    }

    @Test
    void aMethodLevelAnnotationReplacesTheClassLevelOneOfTheSameKind() throws Exception {
        Requirement r = of(Messages.class, "edit");
        assertThat(r.permissions())
                .isEqualTo(new Requirement.Rule(List.of("EditMessages", "ReadMessages"), Logical.ANY));
        assertThat(r.features())
                .isEqualTo(new Requirement.Rule(List.of("SMSSending"), Logical.ALL)); // the other kind stays
    }

    @Test
    void subclassesInheritClassLevelAnnotations() throws Exception {
        assertThat(of(SubMessages.class, "inherited").permissions().ids()).containsExactly("ReadMessages");
    }

    @Test
    void theTargetExtensionIsThePlaceholdersName() throws Exception {
        assertThat(of(Messages.class, "callLog").targetExtension()).isEqualTo("extensionId");
    }

    @Test
    void noAnnotationMeansNoRequirement() throws Exception {
        assertThat(Requirement.resolve(Object.class, Object.class.getMethod("toString")))
                .isEmpty();
    }

    @Test
    void invalidAnnotationsFailNamingClassMethodAndProblem() {
        assertThatThrownBy(() -> of(Broken.class, "blank"))
                .isInstanceOf(InvalidRequirementException.class)
                .hasMessageContaining(Broken.class.getName() + "#blank")
                .hasMessageContaining("malformed id ' '");
        assertThatThrownBy(() -> of(Broken.class, "malformed")).hasMessageContaining("malformed id 'Read-Messages'");
        assertThatThrownBy(() -> of(Broken.class, "noPlaceholder"))
                .hasMessageContaining("#noPlaceholder")
                .hasMessageContaining("must be a path parameter placeholder such as {extensionId}");
        assertThatThrownBy(() -> of(Broken.class, "empty"))
                .hasMessageContaining("#empty")
                .hasMessageContaining("no id given");
    }

    @Test
    void describesItselfForInventories() throws Exception {
        assertThat(of(Messages.class, "callLog"))
                .hasToString("permissions ALL[ReadCallLog] on {extensionId} and features ALL[SMSSending]");
    }
}
