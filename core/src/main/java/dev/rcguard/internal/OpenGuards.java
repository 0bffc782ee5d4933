package dev.rcguard.internal;

import dev.rcguard.spi.PermissionGuard;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * The guards of this class loader that are open right now: each {@link PermissionGuard} is added when it is made and
 * removed when it is closed. Held weakly, so a guard its application dropped without closing is not kept alive here
 * either: nothing outlives its application. For {@code rcguard-testkit}, which makes the guards that point at its
 * simulator forget their rate-limit state between tests; an application never needs it.
 *
 * <pre>{@code
 * OpenGuards.list().forEach(guard -> guard.economy().forgetAll());
 * }</pre>
 */
public final class OpenGuards {

    private static final Set<PermissionGuard> OPEN = Collections.newSetFromMap(new WeakHashMap<>());

    private OpenGuards() {}

    /** {@code guard} was made. */
    public static void opened(PermissionGuard guard) {
        synchronized (OPEN) {
            OPEN.add(guard);
        }
    }

    /** {@code guard} was closed. */
    public static void closed(PermissionGuard guard) {
        synchronized (OPEN) {
            OPEN.remove(guard);
        }
    }

    /** The guards open now, in no particular order. */
    public static List<PermissionGuard> list() {
        synchronized (OPEN) {
            return List.copyOf(OPEN);
        }
    }
}
