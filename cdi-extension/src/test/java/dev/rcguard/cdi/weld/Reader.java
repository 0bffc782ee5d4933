package dev.rcguard.cdi.weld;

import dev.rcguard.RequiresRingCentralPermission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** A service that calls another protected service asking for the same id. */
@ApplicationScoped
public class Reader {

    @Inject
    NestedReader nested;

    @RequiresRingCentralPermission("ReadMessages")
    public String read() {
        return nested.read();
    }

    @RequiresRingCentralPermission(value = "ReadMessages", targetExtension = "{extensionId}")
    public String readOf(String extensionId) {
        return "messages of " + extensionId;
    }

    @ApplicationScoped
    @RequiresRingCentralPermission("ReadMessages")
    public static class NestedReader {
        public String read() {
            return "nested read";
        }
    }
}
