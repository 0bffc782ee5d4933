package dev.rcguard.servers.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpHeaders;

/** One HTTP answer: status, headers and body text. */
public record Reply(int status, HttpHeaders headers, String body) {

    /** The first value of a header, or {@code null}. */
    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    /** The body as a JSON object. */
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
