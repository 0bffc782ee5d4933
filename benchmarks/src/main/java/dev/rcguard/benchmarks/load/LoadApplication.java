package dev.rcguard.benchmarks.load;

import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * The load benchmark's JAX-RS application: {@link LoadResource} and {@link PojoResource}; rcguard-cdi's providers come from its
 * {@code META-INF/services}.
 *
 * <pre>{@code
 * holder.setInitParameter("jakarta.ws.rs.Application", LoadApplication.class.getName());
 * }</pre>
 */
public class LoadApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(LoadResource.class, PojoResource.class);
    }
}
