package dev.rcguard.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** testkit/README.md shows {@code com.example.messages.MessagesResourceTest} verbatim: the example it runs is this. */
class TestKitReadmeTest {

    @Test
    void theReadmesExample_isTheTestThatRuns() throws IOException {
        String readme = Files.readString(Path.of("../testkit/README.md"));
        String test = Files.readString(Path.of("src/test/java/com/example/messages/MessagesResourceTest.java"));
        int section = readme.indexOf("## A test");
        int start = readme.indexOf("```java\n", section) + "```java\n".length();
        int end = readme.indexOf("\n```", start);

        assertThat(section).isNotNegative();
        assertThat(readme.substring(start, end)).isEqualTo(test.stripTrailing());
    }
}
