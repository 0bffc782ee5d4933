package dev.rcguard.spi;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A refusal, ready to write: status, headers and the {@code application/problem+json} body bytes (UTF-8).
 *
 * <pre>{@code
 * ProblemResponse problem = ProblemRenderer.render(decision);
 * response.setStatus(problem.status());
 * problem.headers().forEach(response::setHeader);
 * response.getOutputStream().write(problem.body());
 * }</pre>
 *
 * @param status the HTTP status: 401, 403 or 503
 * @param headers the headers to set, such as {@code Content-Type}, {@code WWW-Authenticate} or {@code Retry-After}
 * @param body the problem+json body, UTF-8
 */
public record ProblemResponse(int status, Map<String, String> headers, byte[] body) {

    /**
     * A refusal to write; the headers are copied.
     *
     * @param status the HTTP status
     * @param headers the headers to set
     * @param body the body's bytes
     */
    public ProblemResponse {
        headers = Map.copyOf(headers);
    }

    /** {@return the body as text, for logs of tests and debugging; it never contains the token} */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
