package dev.rcguard.demo.app;

import dev.rcguard.RequiresRingCentralFeature;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends an SMS, if the caller's service plan has the {@code SMSSending} feature. The check runs before the request body
 * is read.
 *
 * <pre>{@code
 * curl -X POST -H 'Authorization: Bearer alice-token' -H 'Content-Type: application/json' \
 *      -d '{"to":"+15550100","text":"Hello"}' http://127.0.0.1:8080/api/sms
 * }</pre>
 */
@Path("sms")
@RequestScoped
public class SmsResource {

    private static final AtomicLong SENT = new AtomicLong();

    /** What to send. */
    public record Sms(String to, String text) {}

    /** What was queued. */
    public record Receipt(String id, String to, String status) {}

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresRingCentralFeature("SMSSending")
    public Receipt send(Sms sms) {
        String to = sms == null ? null : sms.to();
        return new Receipt("sms-" + SENT.incrementAndGet(), to, "Queued");
    }
}
