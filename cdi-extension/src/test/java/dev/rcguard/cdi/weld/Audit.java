package dev.rcguard.cdi.weld;

import dev.rcguard.PermissionCheckEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

@ApplicationScoped
public class Audit {

    static final List<PermissionCheckEvent> EVENTS = new CopyOnWriteArrayList<>();

    void observe(@Observes PermissionCheckEvent event) {
        EVENTS.add(event);
    }
}
