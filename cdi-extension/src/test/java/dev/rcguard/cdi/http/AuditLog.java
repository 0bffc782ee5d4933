package dev.rcguard.cdi.http;

import dev.rcguard.PermissionCheckEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An application's audit observer. */
@ApplicationScoped
public class AuditLog {

    static final List<PermissionCheckEvent> EVENTS = new CopyOnWriteArrayList<>();

    void record(@Observes PermissionCheckEvent check) {
        EVENTS.add(check);
    }
}
