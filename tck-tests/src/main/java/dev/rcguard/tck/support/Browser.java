package dev.rcguard.tck.support;

import java.net.CookieManager;
import java.net.URL;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * A browser of one user: it keeps the session cookie across requests to a deployment, reached on 127.0.0.1.
 *
 * <pre>{@code
 * Browser browser = new Browser(base);
 * browser.send("POST", "login?token=" + token, null);
 * Reply reply = browser.send("GET", "api/inbox/messages", null);
 * }</pre>
 */
public final class Browser {

    private final URL base;
    private final HttpClient client = HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /**
     * A browser for one deployment, with a cookie store of its own.
     *
     * @param base the deployment's URL
     */
    public Browser(URL base) {
        this.base = base;
    }

    /**
     * {@code method path} (relative to the deployment), with this {@code Authorization} header unless null.
     *
     * @param method the HTTP method
     * @param path the path, relative to the deployment
     * @param authorization the {@code Authorization} header's value, or {@code null} for none
     * @return the reply
     */
    public Reply send(String method, String path, String authorization) {
        return Http.exchange(client, base, method, path, authorization);
    }
}
