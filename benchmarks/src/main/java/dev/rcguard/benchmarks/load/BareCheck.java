package dev.rcguard.benchmarks.load;

import dev.rcguard.internal.http.HttpResponse;
import dev.rcguard.internal.http.HttpTransport;
import dev.rcguard.spi.GuardConfig;
import java.io.IOException;
import java.net.URI;
import javax.net.ssl.SSLSocketFactory;

/**
 * The permission check {@code ReadMessages} straight to RingCentral over core's own HTTP transport, built as core's
 * client builds it (its timeouts, its kept connections, its time per call), without the engine: the benchmarks' bare
 * call, and what {@code /relay} asks.
 *
 * <pre>{@code
 * try (BareCheck check = new BareCheck(simulator.baseUri())) {
 *     HttpResponse answer = check.ask(HttpTransport.SHARED, "Bearer " + token);
 * }
 * }</pre>
 */
public final class BareCheck implements AutoCloseable {

    private static final String TARGET =
            "/restapi/v1.0/account/~/extension/~/authz-profile/check?permissionId=ReadMessages";

    private final HttpTransport transport;
    private final long budgetNanos;

    /** @param ringCentral RingCentral's base URL */
    public BareCheck(URI ringCentral) {
        GuardConfig config = GuardConfig.load(name -> null).withServerUrl(ringCentral);
        this.transport = new HttpTransport(
                ringCentral,
                (SSLSocketFactory) SSLSocketFactory.getDefault(),
                config.connectTimeout(),
                config.readTimeout(),
                config.maxConcurrentCalls());
        this.budgetNanos = config.connectTimeout().plus(config.readTimeout()).toNanos();
    }

    /**
     * The check's answer, read whole.
     *
     * @param owner whose kept connections the call may take ({@link HttpTransport#SHARED}: anyone's)
     * @param authorization the {@code Authorization} header's value
     */
    public HttpResponse ask(String owner, String authorization) throws IOException {
        return transport.get(owner, TARGET, authorization, System.nanoTime() + budgetNanos);
    }

    @Override
    public void close() {
        transport.close();
    }
}
