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
 */
public record ProblemResponse(int status, Map<String, String> headers, byte[] body) {

    public ProblemResponse {
        headers = Map.copyOf(headers);
    }

    /** The body as text, for logs of tests and debugging; it never contains the token. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
