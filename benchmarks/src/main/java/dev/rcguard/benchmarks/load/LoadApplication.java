package dev.rcguard.benchmarks.load;

import dev.rcguard.cdi.PermissionDeniedMapper;
import dev.rcguard.cdi.RingCentralGuardFeature;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * The load benchmark's JAX-RS application: {@link LoadResource} and {@link PojoResource}, and rcguard-cdi's two providers
 * (an application that lists its classes lists them too).
 *
 * <pre>{@code
 * holder.setInitParameter("jakarta.ws.rs.Application", LoadApplication.class.getName());
 * }</pre>
 */
public class LoadApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(
                LoadResource.class, PojoResource.class, RingCentralGuardFeature.class, PermissionDeniedMapper.class);
    }
}
