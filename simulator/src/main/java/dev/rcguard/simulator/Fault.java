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

    /** Wait {@code delay}, then answer normally. */
    record Latency(Duration delay) implements Fault {
        public Latency {
            Objects.requireNonNull(delay, "delay");
        }
    }

    /** Answer with this status, content type, body and extra headers. */
    record FixedResponse(int status, String contentType, String body, Map<String, String> headers) implements Fault {
        public FixedResponse {
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(body, "body");
            headers = Map.copyOf(headers);
        }

        /** This response with one more header, e.g. {@code Retry-After}. */
        public FixedResponse withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new FixedResponse(status, contentType, body, more);
        }
    }

    /** Answer 200 {@code application/json} with a body that is not valid JSON. */
    record MalformedJson(String body) implements Fault {
        public MalformedJson {
            Objects.requireNonNull(body, "body");
        }
    }

    /** Answer normally, but send the body {@code chunkSize} bytes at a time with {@code pause} between chunks. */
    record SlowBody(Duration pause, int chunkSize) implements Fault {
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

    /** {@link Latency} of {@code millis}. */
    static Fault latencyMillis(long millis) {
        return new Latency(Duration.ofMillis(millis));
    }

    /** A JSON response with the given status and body. */
    static FixedResponse status(int status, String jsonBody) {
        return response(status, "application/json", jsonBody);
    }

    /** Any response, e.g. {@code response(502, "text/html", "<html>Bad Gateway</html>")}. */
    static FixedResponse response(int status, String contentType, String body) {
        return new FixedResponse(status, contentType, body, Map.of());
    }

    /** 503 with RingCentral's {@code CMN-201} "Service Temporary Unavailable" body. */
    static FixedResponse serviceUnavailable() {
        return status(503, Json.write(ErrorBody.of("CMN-201", "Service Temporary Unavailable")));
    }

    /** 200 {@code application/json} with the truncated body {@code {"successful": tr}. */
    static Fault malformedJson() {
        return new MalformedJson("{\"successful\": tr");
    }

    /** {@link SlowBody} sending 8 bytes per {@code pause}. */
    static Fault slowBody(Duration pause) {
        return new SlowBody(pause, 8);
    }

    /** {@link DropConnection}. */
    static Fault dropConnection() {
        return new DropConnection();
    }
}
