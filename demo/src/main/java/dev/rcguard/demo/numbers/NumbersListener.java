package dev.rcguard.demo.numbers;

import dev.rcguard.PermissionCheckEvent;
import dev.rcguard.PermissionCheckListener;

/**
 * The demo application's {@link PermissionCheckListener}, registered as a Java service
 * ({@code META-INF/services/dev.rcguard.PermissionCheckListener}): it counts every check of every adapter into the
 * application's {@link CheckNumbers}, which {@code GET /demo/numbers} shows.
 *
 * <p>The guard creates its listeners once, when it starts, and an application has one guard: so the numbers of the
 * latest listener created in a class loader are its application's. The demo's two applications have a class loader
 * each (the one at {@code /session} its own copy of this class), so each counts its own checks; a demo started again
 * in the same JVM starts from zero.
 */
public class NumbersListener implements PermissionCheckListener {

    private static volatile CheckNumbers current = new CheckNumbers();

    private final CheckNumbers numbers = new CheckNumbers();

    /** Called by the guard (through {@link java.util.ServiceLoader}) when it starts: the application's numbers. */
    public NumbersListener() {
        current = numbers;
    }

    @Override
    public void onCheck(PermissionCheckEvent event) {
        numbers.record(event);
    }

    /** The numbers of the application whose guard started last in this class loader. */
    public static CheckNumbers current() {
        return current;
    }
}
