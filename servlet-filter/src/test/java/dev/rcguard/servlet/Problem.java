package dev.rcguard.servlet;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpResponse;

/** Reads an {@code application/problem+json} body. */
final class Problem {

    private Problem() {}

    static JsonObject of(HttpResponse<String> response) {
        try (var reader = Json.createReader(new StringReader(response.body()))) {
            return reader.readObject();
        }
    }
}
