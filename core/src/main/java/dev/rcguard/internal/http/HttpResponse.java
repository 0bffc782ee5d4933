package dev.rcguard.internal.http;

import java.util.List;
import java.util.Map;

/**
 * One final HTTP response, read whole and strictly framed.
 *
 * @param status the status code
 * @param headers every header field by lower-case name, in the order received, values trimmed
 * @param body the body's bytes (framing removed)
 * @param keepAlive whether the server left the connection open for another exchange
 */
public record HttpResponse(int status, Map<String, List<String>> headers, byte[] body, boolean keepAlive) {

    /** The values of the field {@code name} (lower case); empty when absent. */
    public List<String> values(String name) {
        return headers.getOrDefault(name, List.of());
    }

    /** The value of the field {@code name} when it came exactly once, else {@code null}. */
    public String single(String name) {
        List<String> values = values(name);
        return values.size() == 1 ? values.get(0) : null;
    }
}
