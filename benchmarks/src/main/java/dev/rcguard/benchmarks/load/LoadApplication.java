package dev.rcguard.benchmarks.load;

import dev.rcguard.cdi.PermissionDeniedMapper;
import dev.rcguard.cdi.RingCentralGuardFeature;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * The load benchmark's JAX-RS application: {@link LoadResource}, {@link PojoResource} and {@link RelayResource}, and
 * rcguard-cdi's two providers (an application that lists its classes lists them too).
 *
 * <pre>{@code
 * holder.setInitParameter("jakarta.ws.rs.Application", LoadApplication.class.getName());
 * }</pre>
 */
public class LoadApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(
                LoadResource.class,
                PojoResource.class,
                RelayResource.class,
                RingCentralGuardFeature.class,
                PermissionDeniedMapper.class);
    }
}
