package dev.rcguard.demo.app;

import dev.rcguard.RequiresRingCentralPermission;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * A CDI service holding the demo's messages. {@link #unreadCount()} carries its own requirement: the guard's
 * interceptor checks it wherever it is called from, and a refusal reaches the client as the same problem+json (through
 * the guard's JAX-RS exception mapper).
 *
 * <pre>{@code
 * @Inject Mailbox mailbox;
 * long unread = mailbox.unreadCount(); // PermissionDeniedException unless ReadMessages is granted
 * }</pre>
 */
@ApplicationScoped
public class Mailbox {

    private static final List<Message> MESSAGES = List.of(
            new Message("m-1", "+15550100", "Lunch at noon?", true),
            new Message("m-2", "+15550101", "The quarterly numbers are in", false),
            new Message("m-3", "+15550102", "Call me back when you can", true));

    /** Every message, newest first; the resource calling it checks the permission. */
    public List<Message> messages() {
        return MESSAGES;
    }

    /** How many messages are unread. */
    @RequiresRingCentralPermission("ReadMessages")
    public long unreadCount() {
        return MESSAGES.stream().filter(Message::unread).count();
    }
}
