package dev.rcguard.demo.login;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The sign-in's own answers to the browser: a redirect, or a short page saying what went wrong. */
final class Pages {

    private Pages() {}

    /** A {@code status} redirect to {@code location}, never cached. */
    static void redirect(HttpServletResponse response, int status, String location) {
        response.setStatus(status);
        response.setHeader("Location", location);
        response.setHeader("Cache-Control", "no-store");
    }

    /** A short HTML page: what went wrong, and the way back to the demo's page. */
    static void failure(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("text/html");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        response.getWriter()
                .write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sign-in failed</title>"
                        + "</head>\n<body><h1>Sign-in failed</h1>\n<p class=\"reason\">" + escape(message)
                        + "</p>\n<p><a href=\"/#login\">Back to the demo</a></p></body></html>\n");
    }

    static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
