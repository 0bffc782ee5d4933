package dev.rcguard.benchmarks.load;

import dev.rcguard.internal.http.HttpTransport;
import dev.rcguard.spi.GuardConfig;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;

/**
 * {@code GET /relay}: unguarded, it asks RingCentral the guarded endpoint's question itself — the same request with the
 * caller's {@code Authorization}, through core's transport built as the guard builds it ({@link BareCheck}) — and
 * answers once the answer is read whole: what any live check costs the server before the guard's own work
 * (CpuPerCheckBenchmark's round-trip baseline). Request-scoped like {@link LoadResource}, so that {@code /relay} and
 * {@code /guarded} differ by the guard's own work only.
 */
@Path("relay")
@RequestScoped
@Produces(MediaType.TEXT_PLAIN)
public class RelayResource {

    @Inject
    Upstream upstream;

    @GET
    public String relay(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) throws IOException {
        if (authorization == null) {
            throw new WebApplicationException(401);
        }
        if (upstream.status(authorization) != 200) {
            throw new WebApplicationException(502);
        }
        return LoadResource.BODY;
    }

    /** The application's connections to RingCentral ({@code rcguard.server-url}, as the guard reads it). */
    @ApplicationScoped
    public static class Upstream {

        private BareCheck check;

        @PostConstruct
        void open() {
            check = new BareCheck(GuardConfig.load(name -> null).serverUrl());
        }

        @PreDestroy
        void close() {
            check.close();
        }

        /** Every connection is kept for any caller and nothing is made of the answer but its status: a benchmark's. */
        int status(String authorization) throws IOException {
            return check.ask(HttpTransport.SHARED, authorization).status();
        }
    }
}
