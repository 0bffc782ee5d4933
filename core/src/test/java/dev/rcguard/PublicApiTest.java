package dev.rcguard;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The public API is what {@code core/README.md} says it is: a type made public in {@code dev.rcguard} (users) or
 * {@code dev.rcguard.spi} (adapters) fails here until the README and this list say so. {@code dev.rcguard.internal.*}
 * is public only for Java's sake and promises nothing.
 */
class PublicApiTest {

    @Test
    void usersSeeTheAnnotationsTheDecisionAndTheExceptions() throws Exception {
        assertThat(publicTypes("dev/rcguard"))
                .containsExactlyInAnyOrder(
                        "RequiresRingCentralPermission",
                        "RequiresRingCentralFeature",
                        "Logical",
                        "Decision",
                        "Reason",
                        "PermissionDeniedException",
                        "InvalidRequirementException",
                        "ConfigurationException",
                        "TokenSource",
                        "PermissionCheckEvent",
                        "PermissionCheckListener");
    }

    @Test
    void adaptersSeeTheEngineAndWhatTheyHandItAndWhatItAnswers() throws Exception {
        assertThat(publicTypes("dev/rcguard/spi"))
                .containsExactlyInAnyOrder(
                        "ApplicationGuard",
                        "PermissionGuard",
                        "Verdict",
                        "Caller",
                        "Requirement",
                        "RequestMemo",
                        "GuardConfig",
                        "ProblemRenderer",
                        "ProblemResponse",
                        "RingCentralClient",
                        "ManagedBeans");
    }

    private static List<String> publicTypes(String packageFolder) throws Exception {
        Path classes = Path.of(location()).resolve(packageFolder);
        String packageName = packageFolder.replace('/', '.');
        try (Stream<Path> files = Files.list(classes)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name ->
                            name.endsWith(".class") && !name.contains("$") && !name.equals("package-info.class"))
                    .map(name -> name.substring(0, name.length() - ".class".length()))
                    .filter(name -> isPublic(packageName + "." + name))
                    .toList();
        }
    }

    private static boolean isPublic(String className) {
        try {
            return Modifier.isPublic(Class.forName(className, false, PublicApiTest.class.getClassLoader())
                    .getModifiers());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static java.net.URI location() throws URISyntaxException {
        return Decision.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI();
    }
}
