package dev.rcguard.demo.app;

import dev.rcguard.RequiresRingCentralPermission;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/**
 * The messages API: the JAX-RS annotation on {@link #messages()}, and the CDI service's own annotation behind
 * {@link #unreadCount()}.
 *
 * <pre>{@code
 * curl -H 'Authorization: Bearer alice-token' http://127.0.0.1:8080/api/messages
 * }</pre>
 */
@Path("messages")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class MessagesResource {

    @Inject
    Mailbox mailbox;

    @GET
    @RequiresRingCentralPermission("ReadMessages")
    public List<Message> messages() {
        return mailbox.messages();
    }

    /** Not annotated here: {@link Mailbox#unreadCount()} carries the requirement. */
    @GET
    @Path("unread-count")
    public Map<String, Long> unreadCount() {
        return Map.of("unread", mailbox.unreadCount());
    }
}
