package dev.rcguard.cdi.http;

import dev.rcguard.RequiresRingCentralFeature;
import dev.rcguard.RequiresRingCentralPermission;
import jakarta.enterprise.context.ApplicationScoped;

/** A service bean the resource calls: it asks again for ReadMessages, plus the ReadMessages feature. */
@ApplicationScoped
public class Mailbox {

    @RequiresRingCentralPermission("ReadMessages")
    @RequiresRingCentralFeature("ReadMessages")
    public String messages() {
        Invocations.record("Mailbox#messages");
        return "3 messages";
    }

    @RequiresRingCentralPermission(value = "ReadMessages", targetExtension = "{extensionId}")
    public String messagesOf(String extensionId) {
        Invocations.record("Mailbox#messagesOf");
        return "messages of " + extensionId;
    }
}
