package dev.rcguard.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Stream;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Filter {@code init}: every invalid init-param fails it with a message naming the param. */
class FilterInitTest {

    /** The init-params of one declaration in an application, as a container hands them over. */
    private record Declaration(Map<String, String> params, ServletContext application) implements FilterConfig {
        Declaration(Map<String, String> params) {
            this(params, new ServletContextHandler().getServletContext());
        }

        @Override
        public String getFilterName() {
            return "guard";
        }

        @Override
        public ServletContext getServletContext() {
            return application;
        }

        @Override
        public String getInitParameter(String name) {
            return params.get(name);
        }

        @Override
        public Enumeration<String> getInitParameterNames() {
            return Collections.enumeration(params.keySet());
        }
    }

    static Stream<Arguments> invalidDeclarations() {
        return Stream.of(
                Arguments.of(
                        Map.of(), "init-param 'permissions': 'permissions' or 'features' must name at least one id"),
                Arguments.of(Map.of("permissions", " , "), "init-param 'permissions': no id given"),
                Arguments.of(
                        Map.of("permissions", "Read Messages"),
                        "init-param 'permissions': malformed id 'Read Messages'"),
                Arguments.of(
                        Map.of("permissions", "ReadMessages,ReadMessages"),
                        "init-param 'permissions': an id is listed twice"),
                Arguments.of(Map.of("features", "SMS-Sending"), "init-param 'features': malformed id 'SMS-Sending'"),
                Arguments.of(
                        Map.of("permissions", "ReadMessages", "logical", "SOME"),
                        "init-param 'logical': must be ALL or ANY"),
                Arguments.of(
                        Map.of("permissions", "ReadMessages", "methods", "GET,P0ST"),
                        "init-param 'methods': 'P0ST' is not"),
                Arguments.of(
                        Map.of("permissions", "ReadMessages", "methods", ","),
                        "init-param 'methods': must list at least one"),
                Arguments.of(
                        Map.of("permissions", "ReadMessages", "target-extension-param", "path:0"),
                        "init-param 'target-extension-param': 'path:0' must be"),
                Arguments.of(
                        Map.of("permissions", "ReadMessages", "target-extension-param", "{extensionId}"),
                        "init-param 'target-extension-param': '{extensionId}' must be"),
                Arguments.of(
                        Map.of("features", "SMSSending", "target-extension-param", "extensionId"),
                        "init-param 'target-extension-param': needs 'permissions'"),
                Arguments.of(Map.of("permission", "ReadMessages"), "init-param 'permission': unknown init-param"),
                Arguments.of(
                        Map.of("permissions", "ReadMessages", "rcguard.server-ur", "https://x"),
                        "init-param 'rcguard.server-ur': unknown init-param"),
                Arguments.of(
                        Map.of("permissions", "ReadMessages", "rcguard.mode", "audit"),
                        "rcguard.mode must be enforce or report-only"),
                Arguments.of(
                        Map.of("permissions", "ReadMessages", "rcguard.server-url", "http://example.com"),
                        "rcguard.server-url must use https"),
                Arguments.of(
                        Map.of("permissions", "ReadMessages", "rcguard.read-timeout-ms", "-1"),
                        "rcguard.read-timeout-ms must be between"),
                Arguments.of(
                        Map.of("permissions", "ReadMessages", "rcguard.read-timeout-ms", "700"),
                        "rcguard.read-timeout-ms is 700 here but 5000 for the application: an application has one"
                                + " guard, so set it once, as a <context-param> in web.xml or in MicroProfile Config"));
    }

    @ParameterizedTest
    @MethodSource("invalidDeclarations")
    void failsInitNamingTheParam(Map<String, String> params, String message) {
        RingCentralPermissionFilter filter = new RingCentralPermissionFilter();

        assertThatThrownBy(() -> filter.init(new Declaration(params)))
                .isInstanceOf(ServletException.class)
                .hasMessageStartingWith("RingCentralPermissionFilter 'guard': ")
                .hasMessageContaining(message);
    }

    @Test
    void acceptsEveryDocumentedInitParam() throws ServletException {
        Map<String, String> params = new HashMap<>();
        params.put("permissions", " ReadMessages ,\n EditMessages ");
        params.put("features", "SMSSending");
        params.put("logical", "any");
        params.put("methods", "get, POST");
        params.put("target-extension-param", "path:2");
        params.put("rcguard.server-url", "http://127.0.0.1:9");
        params.put("rcguard.connect-timeout-ms", "1000");
        params.put("rcguard.read-timeout-ms", "1000");
        params.put("rcguard.mode", "report-only");
        params.put("rcguard.coalesce-in-flight", "false");
        params.put("rcguard.max-concurrent-calls", "8");

        ServletContextHandler application = new ServletContextHandler();
        params.forEach((name, value) -> {
            if (name.startsWith("rcguard.") && !name.equals("rcguard.mode")) {
                application.setInitParameter(name, value); // application-wide: the init-param must agree
            }
        });
        RingCentralPermissionFilter filter = new RingCentralPermissionFilter();
        filter.init(new Declaration(params, application.getServletContext()));
        filter.destroy();

        FilterRule rule = FilterRule.parse(params::get, java.util.List.copyOf(params.keySet()));
        assertThat(rule.methods()).containsExactlyInAnyOrder("GET", "HEAD", "POST");
        assertThat(rule.requirement().permissions().ids()).containsExactly("ReadMessages", "EditMessages");
        assertThat(rule.requirement().features().ids()).containsExactly("SMSSending");
        assertThat(rule.requirement().toString())
                .isEqualTo("permissions ANY[ReadMessages, EditMessages] on {path:2} and features ANY[SMSSending]");
        assertThat(rule.target()).isEqualTo(new TargetExtension(null, 2));
    }

    @ParameterizedTest
    @CsvSource({"enforce", "report-only"})
    void logsOneStartUpLine_namingTheRequirementRingCentralsUrlAndTheMode(String mode) throws ServletException {
        Logger logger = Logger.getLogger(RingCentralPermissionFilter.class.getName()); // held: JUL keeps it weakly
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getLevel() + " " + new SimpleFormatter().formatMessage(record));
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        ServletContextHandler application = new ServletContextHandler();
        application.setInitParameter("rcguard.server-url", "http://127.0.0.1:9");
        RingCentralPermissionFilter filter = new RingCentralPermissionFilter();
        logger.addHandler(capture);
        try {
            filter.init(new Declaration(
                    Map.of("permissions", "ReadMessages", "features", "SMSSending", "rcguard.mode", mode),
                    application.getServletContext()));
            filter.destroy();
        } finally {
            logger.removeHandler(capture);
        }

        assertThat(lines)
                .containsExactly("INFO RingCentralPermissionFilter 'guard' requires permissions ALL[ReadMessages] and"
                        + " features ALL[SMSSending], checked against http://127.0.0.1:9 in " + mode + " mode");
    }
}
