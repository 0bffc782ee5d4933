package dev.rcguard.demo.app;

import dev.rcguard.RequiresRingCentralPermission;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * An administrator's view of another extension's call log: RingCentral is asked whether the caller holds
 * {@code ReadCallLog} on the extension named in the path ({@code targetExtensionId}), not on their own.
 *
 * <pre>{@code
 * curl -H 'Authorization: Bearer alice-token' http://127.0.0.1:8080/api/extensions/400100200302/call-log
 * }</pre>
 */
@Path("extensions/{extensionId}/call-log")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class CallLogResource {

    /** One call of the log. */
    public record Call(String extensionId, String direction, String from, String to, int seconds) {}

    @GET
    @RequiresRingCentralPermission(value = "ReadCallLog", targetExtension = "{extensionId}")
    public List<Call> callLog(@PathParam("extensionId") String extensionId) {
        return List.of(
                new Call(extensionId, "Inbound", "+15550100", "101", 184),
                new Call(extensionId, "Outbound", "101", "+15550177", 42));
    }
}
