package dev.rcguard.servlet;

import dev.rcguard.InvalidRequirementException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a filter reads the extension its permission checks target: a query-string parameter ({@code extensionId}) or
 * a segment of the path inside the application ({@code path:3}, counted from 1).
 *
 * <p>Only the query string is read, never a form body, so the protected servlet can still read its request body. A
 * parameter given twice is ambiguous and reads as absent.
 *
 * @param parameter the query-string parameter, or {@code null}
 * @param segment the 1-based path segment, when {@code parameter} is {@code null}
 */
record TargetExtension(String parameter, int segment) {

    private static final Pattern PATH_SEGMENT = Pattern.compile("path:([1-9][0-9]{0,2})");
    private static final Pattern PARAMETER = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]{0,63}");

    /**
     * The source {@code value} names.
     *
     * @throws InvalidRequirementException if it is neither a parameter name nor {@code path:N}
     */
    static TargetExtension parse(String value) {
        String text = value.strip();
        Matcher path = PATH_SEGMENT.matcher(text);
        if (path.matches()) {
            return new TargetExtension(null, Integer.parseInt(path.group(1)));
        }
        if (PARAMETER.matcher(text).matches()) {
            return new TargetExtension(text, 0);
        }
        throw new InvalidRequirementException("'" + value
                + "' must be a query parameter name (such as extensionId) or path:N (the N-th path segment, from 1)");
    }

    /** The raw value in {@code request}, or {@code null} when absent or ambiguous. */
    String read(HttpServletRequest request) {
        return parameter != null ? fromQuery(request.getQueryString()) : fromPath(request);
    }

    private String fromQuery(String query) {
        if (query == null) {
            return null;
        }
        String found = null;
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && parameter.equals(decode(pair.substring(0, eq)))) {
                if (found != null) {
                    return null;
                }
                found = decode(pair.substring(eq + 1));
            }
        }
        return found;
    }

    private String fromPath(HttpServletRequest request) {
        String pathInfo = request.getPathInfo();
        String path = request.getServletPath() + (pathInfo == null ? "" : pathInfo);
        String[] segments = path.startsWith("/") ? path.substring(1).split("/", -1) : path.split("/", -1);
        return segment <= segments.length ? segments[segment - 1] : null;
    }

    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return "";
        }
    }

    @Override
    public String toString() {
        return parameter != null ? parameter : "path:" + segment;
    }
}
