package dev.rcguard.cdi;

import dev.rcguard.PermissionCheckEvent;
import dev.rcguard.PermissionCheckListener;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.spi.CDI;
import java.util.function.Consumer;

/**
 * Internal: fires each {@link PermissionCheckEvent} of the application as a synchronous CDI event, whichever adapter
 * checked (the {@code web.xml} filter too). Found by the guard through
 * {@code META-INF/services/dev.rcguard.PermissionCheckListener}, one per guard; the application's {@code Event} is
 * looked up with the first check, not with each. Outside a CDI container it fires nothing.
 */
public final class CdiEvents implements PermissionCheckListener {

    private volatile Consumer<PermissionCheckEvent> fire;

    /** Created by {@link java.util.ServiceLoader}, as core looks the service up. */
    public CdiEvents() {}

    @Override
    public void onCheck(PermissionCheckEvent event) {
        Consumer<PermissionCheckEvent> current = fire;
        if (current == null) {
            current = lookUp();
            fire = current;
        }
        current.accept(event);
    }

    private static Consumer<PermissionCheckEvent> lookUp() {
        try {
            Event<PermissionCheckEvent> events =
                    CDI.current().getBeanManager().getEvent().select(PermissionCheckEvent.class);
            return events::fire;
        } catch (IllegalStateException noContainer) {
            return event -> {};
        }
    }
}
