package dev.rcguard.tck.support;

import dev.rcguard.simulator.RateLimits;
import dev.rcguard.simulator.RingCentralSimulator;
import dev.rcguard.simulator.SimulatedUser;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The one RingCentral simulator of the test JVM, started on 127.0.0.1 the first time anything asks for it (usually
 * a {@code @Deployment} method, which runs before any test) and stopped when the JVM exits.
 *
 * <p>A deployment learns its URL through {@link Deployments#war(String)}; tests then add their own users, each
 * with fresh tokens, so that test classes never share a token, its counters or its rate-limit window.
 *
 * <pre>{@code
 * String token = SuiteSimulator.user(u -> u.grant("ReadMessages"));
 * long calls = SuiteSimulator.get().counters().calls(token, "ReadMessages");
 * }</pre>
 */
public final class SuiteSimulator {

    private static final AtomicInteger TOKENS = new AtomicInteger();

    private SuiteSimulator() {}

    /** {@return the running simulator} */
    public static RingCentralSimulator get() {
        return Holder.SIMULATOR;
    }

    /** {@return its base URL, {@code http://127.0.0.1:<port>}} */
    public static URI baseUri() {
        return get().baseUri();
    }

    /**
     * Adds a user with one fresh token and whatever {@code configuration} sets.
     *
     * @param configuration the user's permissions and features
     * @return the user's token
     */
    public static String user(Consumer<SimulatedUser> configuration) {
        String token = "tck-" + TOKENS.incrementAndGet() + "-" + Long.toHexString(System.nanoTime());
        get().addUser(u -> configuration.accept(u.token(token)));
        return token;
    }

    /**
     * What an application's OAuth login leaves: the user's first access token and refresh token.
     *
     * @param accessToken the user's first access token
     * @param refreshToken the refresh token issued with it
     */
    public record SignedIn(String accessToken, String refreshToken) {}

    /**
     * Adds a user with a login and whatever {@code configuration} sets, and signs it in as an application would: an
     * authorization code exchanged at the simulator's {@code POST /restapi/oauth/token} with its client credentials.
     *
     * @param configuration the user's permissions and features
     * @return the tokens
     */
    public static SignedIn signIn(Consumer<SimulatedUser> configuration) {
        String login = "tck-login-" + TOKENS.incrementAndGet() + "-" + Long.toHexString(System.nanoTime());
        get().addUser(u -> configuration.accept(u.login(login)));
        String redirect = "https://tck.example/callback";
        String form = "grant_type=authorization_code&code="
                + URLEncoder.encode(get().authorizationCode(login, redirect), StandardCharsets.UTF_8)
                + "&redirect_uri=" + URLEncoder.encode(redirect, StandardCharsets.UTF_8);
        String client = get().clientId() + ":" + get().clientSecret();
        HttpRequest exchange = HttpRequest.newBuilder(baseUri().resolve("/restapi/oauth/token"))
                .header(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString(client.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        try {
            HttpResponse<String> answer = HTTP.send(exchange, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("the simulator refused the sign-in: " + answer.statusCode());
            }
            try (JsonReader reader = Json.createReader(new StringReader(answer.body()))) {
                JsonObject tokens = reader.readObject();
                return new SignedIn(tokens.getString("access_token"), tokens.getString("refresh_token"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Started on first use of this class (the JVM's class initialisation makes that exactly once). */
    private static final class Holder {
        static final RingCentralSimulator SIMULATOR = start();

        private static RingCentralSimulator start() {
            RingCentralSimulator simulator = RingCentralSimulator.builder()
                    .threads(16)
                    .rateLimits(RateLimits.ringCentralDefaults())
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "ringcentral-simulator-stop"));
            return simulator;
        }
    }
}
