package dev.rcguard.benchmarks.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

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
     * (b): the permission check straight to the simulator ({@link BareCheck}), each user on connections of its own.
     */
    static LoadGenerator.Request bare(URI ringCentral, int users) {
        BareCheck check = new BareCheck(ringCentral);
        String[] headers = new String[users];
        for (int u = 0; u < users; u++) {
            headers[u] = "Bearer " + token(u);
        }
        return user -> {
            dev.rcguard.internal.http.HttpResponse response = check.ask(headers[user], headers[user]);
            return response.status() == 200
                    && new String(response.body(), StandardCharsets.UTF_8).contains("successful");
        };
    }
}
