package dev.rcguard.benchmarks.load;

import dev.rcguard.RequiresRingCentralPermission;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * (f), for diagnosis: the endpoint of (c) on a resource that is not a CDI bean, so that only the JAX-RS filter checks
 * it (no interceptor runs on it). The difference between (c) and (f) is what the interceptor's second pass costs.
 *
 * <pre>{@code
 * GET /pojo/guarded   the JAX-RS filter: permission ReadMessages
 * }</pre>
 */
@Path("/pojo")
@Produces(MediaType.TEXT_PLAIN)
public class PojoResource {

    @GET
    @Path("guarded")
    @RequiresRingCentralPermission("ReadMessages")
    public String guarded() {
        return LoadResource.BODY;
    }
}
