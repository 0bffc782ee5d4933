package dev.rcguard.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Real HTTP calls to a running simulator, and the JSON of their answers. */
final class Http {
    static final String OWN = "/restapi/v1.0/account/~/extension/~";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final URI base;

    Http(RingCentralSimulator simulator) {
        this.base = simulator.baseUri();
    }

    static String check(String permissionId) {
        return OWN + "/authz-profile/check?permissionId=" + permissionId;
    }

    static String features(String query) {
        return OWN + "/features" + (query.isEmpty() ? "" : "?" + query);
    }

    static String profile() {
        return OWN + "/authz-profile";
    }

    static String messageStore() {
        return OWN + "/message-store";
    }

    HttpResponse<String> get(String pathAndQuery, String token) {
        HttpRequest.Builder request = request(pathAndQuery);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    HttpResponse<String> getWithAuthorization(String pathAndQuery, String authorization) {
        return send(request(pathAndQuery).header("Authorization", authorization).build());
    }

    HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(base.resolve(pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
    }

    HttpClient client() {
        return client;
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("Not JSON: " + response.body(), e);
        }
    }
}
