package dev.rcguard.cdi.http;

import dev.rcguard.RequiresRingCentralPermission;
import jakarta.enterprise.context.ApplicationScoped;

/** A service bean whose whole class needs AccountAdministration. */
@ApplicationScoped
@RequiresRingCentralPermission("AccountAdministration")
public class AdminService {

    public String settings() {
        Invocations.record("AdminService#settings");
        return "settings";
    }
}
