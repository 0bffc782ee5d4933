package dev.rcguard.cdi;

import dev.rcguard.PermissionCheckEvent;
import dev.rcguard.PermissionCheckListener;
import jakarta.enterprise.inject.spi.CDI;

/**
 * Internal: fires each {@link PermissionCheckEvent} of the application as a synchronous CDI event, whichever adapter
 * checked (the {@code web.xml} filter too). Found by the guard through
 * {@code META-INF/services/dev.rcguard.PermissionCheckListener}; outside a CDI container it fires nothing.
 */
public final class CdiEvents implements PermissionCheckListener {

    /** Created by {@link java.util.ServiceLoader}, as core looks the service up. */
    public CdiEvents() {}

    @Override
    public void onCheck(PermissionCheckEvent event) {
        CDI<Object> cdi;
        try {
            cdi = CDI.current();
        } catch (IllegalStateException noContainer) {
            return;
        }
        cdi.getBeanManager().getEvent().select(PermissionCheckEvent.class).fire(event);
    }
}
