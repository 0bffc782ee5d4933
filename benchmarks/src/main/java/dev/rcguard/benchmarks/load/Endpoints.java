package dev.rcguard.benchmarks.load;

import dev.rcguard.internal.client.RingCentralApi;
import dev.rcguard.spi.GuardConfig;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * The five things the load benchmark measures, each as a {@link LoadGenerator.Request}. Every virtual user has a
 * token of its own, as distinct users would: identical concurrent checks would otherwise be coalesced and the
 * guarded endpoints would make fewer upstream calls than the bare client.
 *
 * <pre>{@code
 * LoadGenerator.Request plain = Endpoints.http(client, server.uri("/plain"), 64);
 * }</pre>
 */
final class Endpoints {

    private Endpoints() {}

    /** The token of virtual user {@code user}. */
    static String token(int user) {
        return String.format("load-token-%03d", user);
    }

    /** A GET answered 200 with {@link LoadResource#BODY}. */
    static LoadGenerator.Request http(HttpClient client, URI uri, int users) {
        HttpRequest[] requests = new HttpRequest[users];
        for (int u = 0; u < users; u++) {
            requests[u] = HttpRequest.newBuilder(uri)
                    .header("Authorization", "Bearer " + token(u))
                    .timeout(Duration.ofSeconds(30))
                    .GET()
                    .build();
        }
        return user -> {
            HttpResponse<String> response = client.send(requests[user], HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().equals(LoadResource.BODY);
        };
    }

    /**
     * (b): the permission check straight to the simulator with a MicroProfile Rest Client built as core's client
     * builds its own (same timeouts, same connection pool size), without the engine.
     */
    static LoadGenerator.Request bare(URI ringCentral, int users) {
        GuardConfig config = GuardConfig.load(name -> null).withServerUrl(ringCentral);
        RingCentralApi api = RestClientBuilder.newBuilder()
                .baseUri(ringCentral)
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .followRedirects(false)
                .property("microprofile.rest.client.disable.default.mapper", true)
                .property("resteasy.connectionPoolSize", config.maxConcurrentCalls())
                .property("resteasy.maxPooledPerRoute", config.maxConcurrentCalls())
                .build(RingCentralApi.class);
        String[] headers = new String[users];
        for (int u = 0; u < users; u++) {
            headers[u] = "Bearer " + token(u);
        }
        return user -> {
            try (Response response = api.checkPermission(headers[user], "~", "~", "ReadMessages", null)) {
                String body = response.readEntity(String.class);
                return response.getStatus() == 200 && body.contains("successful");
            }
        };
    }
}
