package dev.rcguard.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Real HTTP calls to the simulator, as the guard makes them; every call bounded in time. */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private Http() {}

    /** {@code GET .../authz-profile/check?permissionId=...} of the token's own extension. */
    public static HttpResponse<String> check(URI base, String token, String permissionId) {
        return get(
                base.resolve("/restapi/v1.0/account/~/extension/~/authz-profile/check?permissionId=" + permissionId),
                token);
    }

    /** {@code GET .../features?featureId=...} of the token's own extension. */
    public static HttpResponse<String> features(URI base, String token, String featureId) {
        return get(base.resolve("/restapi/v1.0/account/~/extension/~/features?featureId=" + featureId), token);
    }

    public static HttpResponse<String> get(URI uri, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
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
