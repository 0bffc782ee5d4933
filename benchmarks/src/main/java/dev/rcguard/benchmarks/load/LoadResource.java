package dev.rcguard.benchmarks.load;

import dev.rcguard.RequiresRingCentralPermission;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * The endpoints of the load benchmark: the same trivial work behind each kind of protection, so that any difference
 * between them is the protection's.
 *
 * <pre>{@code
 * GET /plain     (a) unguarded
 * GET /guarded   (c) the JAX-RS filter: permission ReadMessages
 * GET /filtered  (d) the servlet filter mapped in LoadServer: permission ReadMessages
 * GET /four      (e) the JAX-RS filter: four permissions
 * GET /two       the JAX-RS filter: two permissions (CpuPerCheckBenchmark's "each further permission")
 * GET /slow?ms=N unguarded, answers after N ms: as many requests in flight and per second as a guarded endpoint
 *                whose check waits N ms for RingCentral, without the check (CpuPerCheckBenchmark's same-rate baseline)
 * GET /relay     RelayResource: unguarded, asks RingCentral the check's question itself (the round-trip baseline)
 * }</pre>
 */
@Path("/")
@RequestScoped
@Produces(MediaType.TEXT_PLAIN)
public class LoadResource {

    /** What every endpoint answers. */
    public static final String BODY = "ok";

    @GET
    @Path("plain")
    public String plain() {
        return BODY;
    }

    @GET
    @Path("guarded")
    @RequiresRingCentralPermission("ReadMessages")
    public String guarded() {
        return BODY;
    }

    @GET
    @Path("filtered")
    public String filtered() {
        return BODY;
    }

    @GET
    @Path("slow")
    public String slow(@QueryParam("ms") @DefaultValue("20") long ms) throws InterruptedException {
        Thread.sleep(ms);
        return BODY;
    }

    @GET
    @Path("two")
    @RequiresRingCentralPermission({"ReadMessages", "EditMessages"})
    public String two() {
        return BODY;
    }

    @GET
    @Path("four")
    @RequiresRingCentralPermission({"ReadMessages", "EditMessages", "ReadCallLog", "ReadUserInfo"})
    public String four() {
        return BODY;
    }
}
