package dev.rcguard.servers.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;

/**
 * An OpenTelemetry collector stand-in in the test JVM: OTLP/HTTP with protobuf bodies ({@code POST /v1/traces},
 * {@code /v1/metrics}, {@code /v1/logs}, gzip or not) on 127.0.0.1, keeping every span and metric a server exports,
 * and the raw bodies (to look for what must never be in them).
 *
 * <pre>{@code
 * try (OtlpReceiver otlp = OtlpReceiver.start(18720)) {
 *     // otel.exporter.otlp.protocol=http/protobuf, otel.exporter.otlp.endpoint=otlp.endpoint()
 *     otlp.spans(); otlp.metrics(); otlp.rawBodies();
 * }
 * }</pre>
 */
public final class OtlpReceiver implements AutoCloseable {

    /** One span as exported, with its resource's {@code service.name}. */
    public record ReceivedSpan(String service, Span span) {
        public Map<String, String> attributes() {
            return OtlpReceiver.attributes(span.getAttributesList());
        }
    }

    /** One metric as exported, with its instrumentation scope's name. */
    public record ReceivedMetric(String scope, Metric metric) {}

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "otlp-receiver");
        thread.setDaemon(true);
        return thread;
    });
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
    private final List<ReceivedMetric> metrics = new CopyOnWriteArrayList<>();
    private final List<byte[]> bodies = new CopyOnWriteArrayList<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();

    private OtlpReceiver(HttpServer server) {
        this.server = server;
    }

    public static OtlpReceiver start(int port) {
        Ports.assertFree(port);
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        OtlpReceiver receiver = new OtlpReceiver(server);
        server.createContext("/", receiver::handle);
        server.setExecutor(receiver.executor);
        server.start();
        return receiver;
    }

    /** {@code http://127.0.0.1:<port>}: the OTLP/HTTP base endpoint ({@code /v1/...} are appended by exporters). */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    public List<ReceivedMetric> metrics() {
        return List.copyOf(metrics);
    }

    /** Every request's path, in order (for a failure message). */
    public List<String> paths() {
        return List.copyOf(paths);
    }

    /** Every body received, decompressed, as ISO-8859-1 text (byte for byte): protobuf keeps strings as UTF-8. */
    public String rawBodies() {
        StringBuilder all = new StringBuilder();
        bodies.forEach(body -> all.append(new String(body, StandardCharsets.ISO_8859_1)));
        return all.toString();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = read(exchange);
            String path = exchange.getRequestURI().getPath();
            paths.add(exchange.getRequestMethod() + " " + path + " " + body.length);
            bodies.add(body);
            switch (path) {
                case "/v1/traces" ->
                    ExportTraceServiceRequest.parseFrom(body)
                            .getResourceSpansList()
                            .forEach(resource -> {
                                String service = attributes(
                                                resource.getResource().getAttributesList())
                                        .get("service.name");
                                resource.getScopeSpansList()
                                        .forEach(scope -> scope.getSpansList()
                                                .forEach(span -> spans.add(new ReceivedSpan(service, span))));
                            });
                case "/v1/metrics" ->
                    ExportMetricsServiceRequest.parseFrom(body)
                            .getResourceMetricsList()
                            .forEach(resource -> resource.getScopeMetricsList()
                                    .forEach(scope -> scope.getMetricsList()
                                            .forEach(metric -> metrics.add(new ReceivedMetric(
                                                    scope.getScope().getName(), metric)))));
                default -> {} // logs: kept raw only
            }
            // an empty Export*ServiceResponse: full success
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
        } catch (RuntimeException | IOException e) {
            exchange.sendResponseHeaders(400, -1);
        }
    }

    private static byte[] read(HttpExchange exchange) throws IOException {
        InputStream in = exchange.getRequestBody();
        if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
            in = new GZIPInputStream(in);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }

    /** Attributes as text (arrays as {@code [a, b]}), sorted by key. */
    public static Map<String, String> attributes(List<KeyValue> attributes) {
        Map<String, String> map = new TreeMap<>();
        attributes.forEach(kv -> map.put(kv.getKey(), text(kv.getValue())));
        return map;
    }

    private static String text(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
            case INT_VALUE -> Long.toString(value.getIntValue());
            case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
            case ARRAY_VALUE -> {
                List<String> items = new ArrayList<>();
                value.getArrayValue().getValuesList().forEach(item -> items.add(text(item)));
                yield items.toString();
            }
            default -> value.toString();
        };
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
