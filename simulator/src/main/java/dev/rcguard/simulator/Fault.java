package dev.rcguard.simulator;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A failure injected into one endpoint, for all tokens or one, until {@code clearFaults()}.
 *
 * <p>{@link Latency} and {@link SlowBody} delay an otherwise normal answer (auth, rate limits and all).
 * {@link FixedResponse}, {@link MalformedJson} and {@link DropConnection} replace the answer entirely,
 * before authentication and rate limiting, as a broken gateway in front of RingCentral would.
 *
 * <pre>{@code
 * simulator.inject(Endpoint.PERMISSION_CHECK, Fault.latencyMillis(2_000));
 * simulator.inject(Endpoint.FEATURES, "t1", Fault.response(502, "text/html", "<html>Bad Gateway</html>"));
 * simulator.inject(Endpoint.AUTHZ_PROFILE, Fault.dropConnection());
 * }</pre>
 */
public sealed interface Fault {

    /**
     * Wait {@code delay}, then answer normally.
     *
     * @param delay how long to wait before answering
     */
    record Latency(Duration delay) implements Fault {
        /**
         * A latency fault.
         *
         * @param delay positive
         */
        public Latency {
            Objects.requireNonNull(delay, "delay");
        }
    }

    /**
     * Answer with this status, content type, body and extra headers.
     *
     * @param status the HTTP status
     * @param contentType the {@code Content-Type}, or {@code null} for none
     * @param body the body
     * @param headers extra headers, in order
     */
    record FixedResponse(int status, String contentType, String body, Map<String, String> headers) implements Fault {
        /**
         * A fixed response; the headers are copied.
         *
         * @param status the HTTP status
         * @param contentType the {@code Content-Type}, or {@code null}
         * @param body the body
         * @param headers extra headers
         */
        public FixedResponse {
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(body, "body");
            headers = Map.copyOf(headers);
        }

        /**
         * This response with one more header, e.g. {@code Retry-After}.
         *
         * @param name the header's name
         * @param value its value
         * @return the new response
         */
        public FixedResponse withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new FixedResponse(status, contentType, body, more);
        }
    }

    /**
     * Answer 200 {@code application/json} with a body that is not valid JSON.
     *
     * @param body the bytes of the body, as text
     */
    record MalformedJson(String body) implements Fault {
        /**
         * A malformed answer.
         *
         * @param body the body
         */
        public MalformedJson {
            Objects.requireNonNull(body, "body");
        }
    }

    /**
     * Answer normally, but send the body {@code chunkSize} bytes at a time with {@code pause} between chunks.
     *
     * @param pause the pause between chunks
     * @param chunkSize the bytes per chunk
     */
    record SlowBody(Duration pause, int chunkSize) implements Fault {
        /**
         * A slow body.
         *
         * @param pause not negative
         * @param chunkSize positive
         */
        public SlowBody {
            Objects.requireNonNull(pause, "pause");
            if (chunkSize < 1) {
                throw new IllegalArgumentException("chunkSize must be positive");
            }
        }
    }

    /**
     * Close the connection without sending any HTTP response. Note that the JDK's {@code HttpClient} retries
     * a GET once on a connection closed this way, so one client call may count as two requests.
     */
    record DropConnection() implements Fault {}

    /**
     * {@link Latency} of {@code millis}.
     *
     * @param millis the delay in milliseconds
     * @return the fault
     */
    static Fault latencyMillis(long millis) {
        return new Latency(Duration.ofMillis(millis));
    }

    /**
     * A JSON response with the given status and body.
     *
     * @param status the HTTP status
     * @param jsonBody the JSON body
     * @return the fault
     */
    static FixedResponse status(int status, String jsonBody) {
        return response(status, "application/json", jsonBody);
    }

    /**
     * Any response, e.g. {@code response(502, "text/html", "<html>Bad Gateway</html>")}.
     *
     * @param status the HTTP status
     * @param contentType the {@code Content-Type}
     * @param body the body
     * @return the fault
     */
    static FixedResponse response(int status, String contentType, String body) {
        return new FixedResponse(status, contentType, body, Map.of());
    }

    /** {@return 503 with RingCentral's {@code CMN-201} "Service Temporary Unavailable" body} */
    static FixedResponse serviceUnavailable() {
        return status(503, Json.write(ErrorBody.of("CMN-201", "Service Temporary Unavailable")));
    }

    /** {@return 200 {@code application/json} with the truncated body <code>&#123;"successful": tr</code>} */
    static Fault malformedJson() {
        return new MalformedJson("{\"successful\": tr");
    }

    /**
     * {@link SlowBody} sending 8 bytes per {@code pause}.
     *
     * @param pause the pause between chunks
     * @return the fault
     */
    static Fault slowBody(Duration pause) {
        return new SlowBody(pause, 8);
    }

    /** {@return {@link DropConnection}} */
    static Fault dropConnection() {
        return new DropConnection();
    }
}
