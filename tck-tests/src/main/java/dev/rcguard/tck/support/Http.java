package dev.rcguard.tck.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The suite's HTTP client: plain GET requests to a deployment, with or without a bearer token. Deployments are
 * always reached on {@code 127.0.0.1}, whatever host name a container reports.
 *
 * <pre>{@code
 * Reply reply = Http.get(base, "api/smoke", token);
 * }</pre>
 */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private Http() {}

    /**
     * GET {@code path} (relative to the deployment) with {@code Authorization: Bearer token}.
     *
     * @param base the deployment's URL
     * @param path the path, relative to the deployment
     * @param token the bearer token
     * @return the reply
     */
    public static Reply get(URL base, String path, String token) {
        return send(base, path, token == null ? null : "Bearer " + token);
    }

    /**
     * GET {@code path} with no {@code Authorization} header.
     *
     * @param base the deployment's URL
     * @param path the path, relative to the deployment
     * @return the reply
     */
    public static Reply anonymous(URL base, String path) {
        return send(base, path, null);
    }

    /**
     * GET {@code path} with this exact {@code Authorization} header value.
     *
     * @param base the deployment's URL
     * @param path the path, relative to the deployment
     * @param authorization the header's value
     * @return the reply
     */
    public static Reply send(URL base, String path, String authorization) {
        return exchange(CLIENT, base, "GET", path, authorization);
    }

    /** {@code method path} (relative to the deployment) on {@code client}, with this {@code Authorization} unless null. */
    static Reply exchange(HttpClient client, URL base, String method, String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(resolve(base, path))
                .timeout(Duration.ofSeconds(60))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static URI resolve(URL base, String path) {
        String root = base.toExternalForm().endsWith("/") ? base.toExternalForm() : base.toExternalForm() + "/";
        URI uri = URI.create(root).resolve(path);
        return URI.create(uri.getScheme() + "://127.0.0.1:" + uri.getPort() + uri.getRawPath()
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    }
}
