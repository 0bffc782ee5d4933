package dev.rcguard.demo;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A browser's HTTP, without a browser: cookies kept, redirects not followed (the tests follow them by hand and look at
 * each), and every answer remembered, headers and body, so that a test can prove what never left the server.
 */
final class Browser {

    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ORIGINAL_SERVER);
    private final HttpClient client = HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final List<HttpResponse<String>> answers = new ArrayList<>();

    HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri).GET());
    }

    /** A GET with a header of its own, such as {@code Authorization}. */
    HttpResponse<String> get(URI uri, String header, String value) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri).header(header, value).GET());
    }

    HttpResponse<String> post(URI uri) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** Several GETs at once, as the page's "call all three" sends them; the answers in the order of the URIs. */
    List<HttpResponse<String>> getAll(List<URI> uris) {
        List<CompletableFuture<HttpResponse<String>>> sent = uris.stream()
                .map(uri -> client.sendAsync(
                        HttpRequest.newBuilder(uri)
                                .timeout(Duration.ofSeconds(30))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString()))
                .toList();
        List<HttpResponse<String>> all =
                sent.stream().map(CompletableFuture::join).toList();
        synchronized (answers) {
            answers.addAll(all);
        }
        return all;
    }

    /** The value of the cookie {@code name} the browser holds for {@code uri}, or {@code null}. */
    String cookie(URI uri, String name) {
        return cookies.getCookieStore().get(uri).stream()
                .filter(cookie -> cookie.getName().equals(name))
                .map(HttpCookie::getValue)
                .findFirst()
                .orElse(null);
    }

    /** Every answer so far, as text: status, headers and body. */
    List<String> answers() {
        synchronized (answers) {
            return answers.stream()
                    .map(answer -> answer.statusCode() + " " + answer.uri() + "\n"
                            + answer.headers().map() + "\n" + answer.body())
                    .toList();
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> answer =
                client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        synchronized (answers) {
            answers.add(answer);
        }
        return answer;
    }
}
