package dev.rcguard.servers.support;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * The tests' HTTP client, loopback only: GET with or without a bearer token, and the few management calls the
 * servers need.
 *
 * <pre>{@code
 * Reply reply = Http.get("http://127.0.0.1:18080/plain/messages", "reader-token");
 * }</pre>
 */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private Http() {}

    /** GET with {@code Authorization: Bearer token}, or without the header when {@code token} is null. */
    public static Reply get(String url, String token) {
        HttpRequest.Builder request = request(url).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    /** {@link #get(String, String)}, answered within {@code timeout} or failed. */
    public static Reply get(String url, String token, Duration timeout) {
        HttpRequest.Builder request = request(url).timeout(timeout).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    /** GET without any {@code Authorization} header. */
    public static Reply anonymous(String url) {
        return get(url, null);
    }

    /** GET with HTTP Basic credentials. */
    public static Reply getBasic(String url, String user, String password) {
        return send(request(url)
                .header("Authorization", basic(user, password))
                .GET()
                .build());
    }

    /** PUT {@code body} with HTTP Basic credentials. */
    public static Reply putBasic(String url, String user, String password, byte[] body) {
        return send(request(url)
                .header("Authorization", basic(user, password))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
    }

    /** The reply, or empty while nothing listens (the server is not up yet, or no longer). */
    public static Optional<Reply> tryGet(String url) {
        try {
            return Optional.of(
                    send(request(url).timeout(Duration.ofSeconds(10)).GET().build()));
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof IOException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Whether nothing accepts connections at {@code url}'s port. */
    public static boolean refused(String url) {
        try {
            send(request(url).GET().build());
            return false;
        } catch (IllegalStateException e) {
            return e.getCause() instanceof ConnectException;
        }
    }

    private static HttpRequest.Builder request(String url) {
        URI uri = URI.create(url);
        if (!"127.0.0.1".equals(uri.getHost())) {
            throw new IllegalArgumentException("Loopback only: " + url);
        }
        return HttpRequest.newBuilder(uri).timeout(TIMEOUT);
    }

    private static Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
