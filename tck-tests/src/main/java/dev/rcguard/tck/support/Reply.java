package dev.rcguard.tck.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpHeaders;

/**
 * One HTTP answer of a deployment: status, headers and body text.
 *
 * <pre>{@code
 * Reply reply = Http.get(base, "api/messages", token);
 * assertThat(reply.status()).isEqualTo(200);
 * }</pre>
 *
 * @param status the HTTP status
 * @param headers the response headers
 * @param body the body, as text
 */
public record Reply(int status, HttpHeaders headers, String body) {

    /**
     * The first value of a header, or {@code null}.
     *
     * @param name the header's name, in any letter case
     * @return its first value, or {@code null}
     */
    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    /** {@return the body as a JSON object} */
    public JsonObject json() {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }

    @Override
    public String toString() {
        return status + " " + headers.map() + " " + body;
    }
}
