package dev.rcguard.servlet;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/** The protected code of the tests: answers 200 {@code ran GET /path} and counts how often it ran. */
public class RecordingServlet extends HttpServlet {

    private final AtomicInteger invocations = new AtomicInteger();

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        invocations.incrementAndGet();
        String pathInfo = request.getPathInfo();
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter()
                .print("ran " + request.getMethod() + " " + request.getServletPath()
                        + (pathInfo == null ? "" : pathInfo));
    }

    int invocations() {
        return invocations.get();
    }
}
