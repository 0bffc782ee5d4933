package dev.rcguard.servers.support;

import java.util.Map;

/**
 * A {@code web.xml} as a user writes it: the application's {@code rcguard.*} settings as context-params,
 * {@link dev.rcguard.servlet.RingCentralPermissionFilter} declared with its init-params and mapped to a URL pattern,
 * and the servlets it protects.
 *
 * <pre>{@code
 * String xml = WebXml.create()
 *         .contextParam("rcguard.server-url", "http://127.0.0.1:8089")
 *         .filter("messages", "/messages/*", Map.of("permissions", "ReadMessages"))
 *         .servlet("messages", MessagesServlet.class, "/messages/*")
 *         .toString();
 * }</pre>
 */
public final class WebXml {

    private static final String FILTER_CLASS = "dev.rcguard.servlet.RingCentralPermissionFilter";

    private final StringBuilder body = new StringBuilder();

    private WebXml() {}

    public static WebXml create() {
        return new WebXml();
    }

    /** A {@code <context-param>}: where a plain container's application sets {@code rcguard.*} for its one guard. */
    public WebXml contextParam(String name, String value) {
        body.append("    <context-param><param-name>")
                .append(name)
                .append("</param-name><param-value>")
                .append(value)
                .append("</param-value></context-param>\n");
        return this;
    }

    public WebXml filter(String name, String urlPattern, Map<String, String> initParams) {
        body.append("    <filter>\n        <filter-name>").append(name).append("</filter-name>\n");
        body.append("        <filter-class>").append(FILTER_CLASS).append("</filter-class>\n");
        initParams.forEach((param, value) -> body.append("        <init-param><param-name>")
                .append(param)
                .append("</param-name><param-value>")
                .append(value)
                .append("</param-value></init-param>\n"));
        body.append("    </filter>\n    <filter-mapping>\n        <filter-name>")
                .append(name);
        body.append("</filter-name>\n        <url-pattern>").append(urlPattern).append("</url-pattern>\n");
        body.append("    </filter-mapping>\n");
        return this;
    }

    public WebXml servlet(String name, Class<?> type, String urlPattern) {
        body.append("    <servlet>\n        <servlet-name>").append(name).append("</servlet-name>\n");
        body.append("        <servlet-class>").append(type.getName()).append("</servlet-class>\n");
        body.append("    </servlet>\n    <servlet-mapping>\n        <servlet-name>")
                .append(name);
        body.append("</servlet-name>\n        <url-pattern>").append(urlPattern).append("</url-pattern>\n");
        body.append("    </servlet-mapping>\n");
        return this;
    }

    @Override
    public String toString() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee"
                         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                         xsi:schemaLocation="https://jakarta.ee/xml/ns/jakartaee https://jakarta.ee/xml/ns/jakartaee/web-app_6_0.xsd"
                         version="6.0">
                """ + body + "</web-app>\n";
    }
}
