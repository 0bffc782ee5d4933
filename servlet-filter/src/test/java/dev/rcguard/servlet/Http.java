package dev.rcguard.servlet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A plain HTTP client for the tests, with generous timeouts. */
final class Http {

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

    private Http() {}

    /** {@code method uri} with {@code Authorization: Bearer token} (no header when {@code token} is null). */
    static HttpResponse<String> send(String method, URI uri, String token) {
        return sendWithAuthorization(method, uri, token == null ? null : "Bearer " + token);
    }

    static HttpResponse<String> get(URI uri, String token) {
        return send("GET", uri, token);
    }

    /** {@code method uri} with the given raw {@code Authorization} header, or none. */
    static HttpResponse<String> sendWithAuthorization(String method, URI uri, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(60))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
