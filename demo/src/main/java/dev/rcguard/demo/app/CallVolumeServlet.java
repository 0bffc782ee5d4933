package dev.rcguard.demo.app;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A plain servlet report at {@code /reports/call-volume}. It knows nothing of RingCentral: {@code WEB-INF/web.xml}
 * maps {@code dev.rcguard.servlet.RingCentralPermissionFilter} in front of it.
 *
 * <pre>{@code
 * curl -H 'Authorization: Bearer alice-token' http://127.0.0.1:8080/reports/call-volume
 * }</pre>
 */
public class CallVolumeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final String REPORT = "{\"period\":\"last 7 days\",\"inbound\":128,\"outbound\":97,\"missed\":6}";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(REPORT);
    }
}
