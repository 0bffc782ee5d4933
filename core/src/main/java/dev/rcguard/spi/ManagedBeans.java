package dev.rcguard.spi;

/**
 * The application's managed beans, asked for {@code rcguard.token-source=class:CLASS}: a class that is a bean is used
 * as that bean (its injections, its scope), not constructed by the guard. {@code rcguard-cdi} provides CDI's, found
 * with {@link java.util.ServiceLoader} through the application's class loader; without it, the class is constructed.
 */
public interface ManagedBeans {

    /**
     * The bean of {@code type} (for a normal scope, its client proxy), or {@code null} when {@code type} is not a
     * bean here.
     *
     * @param <T> the bean's type
     * @param type the class named by {@code rcguard.token-source=class:CLASS}
     * @return the bean, or {@code null}
     * @throws dev.rcguard.ConfigurationException when the application has several beans of {@code type}
     */
    <T> T find(Class<T> type);
}
