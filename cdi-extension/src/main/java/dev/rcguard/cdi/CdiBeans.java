package dev.rcguard.cdi;

import dev.rcguard.ConfigurationException;
import dev.rcguard.spi.GuardConfig;
import dev.rcguard.spi.ManagedBeans;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;

/**
 * Internal: the application's CDI beans for the guard ({@code rcguard.token-source=class:CLASS}), found through
 * {@code META-INF/services/dev.rcguard.spi.ManagedBeans}. The guard asks once, when it starts, and keeps the bean:
 * for a normal-scoped bean that is its client proxy, so each request still meets its own instance.
 */
public final class CdiBeans implements ManagedBeans {

    /** Created by {@link java.util.ServiceLoader}, as core looks the service up. */
    public CdiBeans() {}

    @Override
    public <T> T find(Class<T> type) {
        CDI<Object> cdi;
        try {
            cdi = CDI.current();
        } catch (IllegalStateException noContainer) {
            return null;
        }
        Instance<T> instance = cdi.select(type);
        if (instance.isAmbiguous()) {
            throw new ConfigurationException(
                    GuardConfig.TOKEN_SOURCE,
                    "names " + type.getName() + ", of which the application has several beans: keep one, or select"
                            + " one with @Alternative @Priority");
        }
        return instance.isResolvable() ? instance.get() : null;
    }
}
