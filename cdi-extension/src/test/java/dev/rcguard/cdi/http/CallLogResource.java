package dev.rcguard.cdi.http;

import dev.rcguard.RequiresRingCentralPermission;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** A resource that is not a CDI bean (no bean-defining annotation): only the JAX-RS filter protects it. */
@Path("/call-log")
@RequiresRingCentralPermission("ReadCallLog")
public class CallLogResource {

    @GET
    public String calls() {
        Invocations.record("GET /call-log");
        return "2 calls";
    }
}
