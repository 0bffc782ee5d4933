package dev.rcguard.spi;

import dev.rcguard.ConfigurationException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The one {@link PermissionGuard} of an application, kept in the application's own attributes (its
 * {@code ServletContext}) and shared by every adapter of that application: whichever adapter comes first creates it,
 * each holds a {@link Lease}, and closing the last lease closes the guard, its threads and its connections. No static
 * registry keeps a guard beyond its application.
 *
 * <p>The guard's configuration is the application's: its context parameters, then MicroProfile Config, system
 * properties and the environment ({@link GuardConfig#load}). An adapter's own settings may choose its
 * {@code rcguard.mode}, but any other {@code rcguard.*} name it sets must agree with the application's, or it fails
 * to start: all rate-limit state of an application is one.
 *
 * <pre>{@code
 * Lease lease = ApplicationGuard.acquire(
 *         Attributes.of(context::getAttribute, context::setAttribute, context::removeAttribute),
 *         context::getInitParameter,
 *         filterConfig::getInitParameter);
 * PermissionGuard guard = lease.guard();
 * ...
 * lease.close(); // when the adapter is destroyed
 * }</pre>
 */
public final class ApplicationGuard {

    /** The application attribute the guard is kept under. */
    public static final String ATTRIBUTE = ApplicationGuard.class.getName();

    /** Where an application keeps its state: its {@code ServletContext}'s attributes, or a map of its own. */
    public interface Attributes {
        /**
         * Reads an attribute.
         *
         * @param name the attribute's name
         * @return its value, or {@code null}
         */
        Object get(String name);

        /**
         * Sets an attribute.
         *
         * @param name the attribute's name
         * @param value its new value
         */
        void set(String name, Object value);

        /**
         * Removes an attribute.
         *
         * @param name the attribute's name
         */
        void remove(String name);

        /**
         * A {@code ServletContext}'s: {@code of(context::getAttribute, context::setAttribute, context::removeAttribute)}.
         *
         * @param getter reads an attribute by name
         * @param setter sets an attribute
         * @param remover removes an attribute
         * @return the attributes
         */
        static Attributes of(
                Function<String, Object> getter, BiConsumer<String, Object> setter, Consumer<String> remover) {
            return new Attributes() {
                @Override
                public Object get(String name) {
                    return getter.apply(name);
                }

                @Override
                public void set(String name, Object value) {
                    setter.accept(name, value);
                }

                @Override
                public void remove(String name) {
                    remover.accept(name);
                }
            };
        }

        /** {@return attributes of their own, for an application that is not a web application (CDI SE, tests)} */
        static Attributes inMemory() {
            Map<String, Object> values = new ConcurrentHashMap<>();
            return of(values::get, values::put, values::remove);
        }
    }

    /** One adapter's hold on the application's guard; idempotent to close. */
    public static final class Lease implements AutoCloseable {
        private final Shared shared;
        private final Attributes attributes;
        private final GuardConfig config;
        private boolean closed;

        private Lease(Shared shared, Attributes attributes, GuardConfig config) {
            this.shared = shared;
            this.attributes = attributes;
            this.config = config;
        }

        /** {@return the application's guard, shared by every adapter of the application} */
        public PermissionGuard guard() {
            return shared.guard;
        }

        /** {@return this adapter's configuration: the application's, with the adapter's own {@code rcguard.mode}} */
        public GuardConfig config() {
            return config;
        }

        @Override
        public void close() {
            synchronized (ApplicationGuard.class) {
                if (closed) {
                    return;
                }
                closed = true;
                if (--shared.leases > 0) {
                    return;
                }
                try {
                    if (attributes.get(ATTRIBUTE) == shared) {
                        attributes.remove(ATTRIBUTE);
                    }
                } catch (RuntimeException applicationAlreadyGone) {
                    // Its attributes went with it; the guard is closed all the same.
                } finally {
                    shared.guard.close();
                }
            }
        }
    }

    private static final class Shared {
        final PermissionGuard guard;
        int leases;

        Shared(PermissionGuard guard) {
            this.guard = guard;
        }
    }

    private ApplicationGuard() {}

    /**
     * A lease on the application's guard, created now if the application has none.
     *
     * @param attributes the application's attributes, where its guard is kept
     * @param applicationSettings the application's own settings (context parameters); {@code null} for unset
     * @param adapterSettings this adapter's own settings (filter init-params); {@code null} for unset
     * @return this adapter's lease; close it when the adapter stops
     * @throws ConfigurationException for an invalid value, or an adapter setting that disagrees with the application
     */
    public static Lease acquire(
            Attributes attributes,
            Function<String, String> applicationSettings,
            Function<String, String> adapterSettings) {
        synchronized (ApplicationGuard.class) {
            Shared shared;
            if (attributes.get(ATTRIBUTE) instanceof Shared existing) {
                shared = existing;
            } else {
                shared = new Shared(PermissionGuard.create(GuardConfig.load(applicationSettings)));
                attributes.set(ATTRIBUTE, shared);
            }
            GuardConfig own;
            try {
                own = adapterConfig(shared.guard.config(), adapterSettings);
            } catch (ConfigurationException e) {
                if (shared.leases == 0) {
                    attributes.remove(ATTRIBUTE);
                    shared.guard.close();
                }
                throw e;
            }
            shared.leases++;
            return new Lease(shared, attributes, own);
        }
    }

    /** The application's configuration with the adapter's mode; any other name it sets must agree. */
    private static GuardConfig adapterConfig(GuardConfig application, Function<String, String> adapterSettings) {
        GuardConfig own = GuardConfig.load(name -> {
            String value = adapterSettings.apply(name);
            return value != null ? value : application.setting(name);
        });
        for (String name : GuardConfig.APPLICATION_WIDE) {
            if (adapterSettings.apply(name) != null && !own.setting(name).equals(application.setting(name))) {
                throw new ConfigurationException(
                        name,
                        "is " + own.shown(name) + " here but " + application.shown(name)
                                + " for the application: an application has one guard, so set it once, as a"
                                + " <context-param> in web.xml or in MicroProfile Config");
            }
        }
        return own;
    }
}
