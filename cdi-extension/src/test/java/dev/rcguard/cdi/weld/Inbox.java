package dev.rcguard.cdi.weld;

import dev.rcguard.RequiresRingCentralFeature;
import dev.rcguard.RequiresRingCentralPermission;
import jakarta.enterprise.context.ApplicationScoped;

/** Class-level AccountAdministration; methods replace or add to it. */
@ApplicationScoped
@RequiresRingCentralPermission("AccountAdministration")
public class Inbox {

    @RequiresRingCentralPermission("ReadMessages")
    public String read() {
        return "read";
    }

    public String administer() {
        return "administered";
    }

    @RequiresRingCentralFeature("SMSSending")
    public String sendSms() {
        return "sent";
    }
}
