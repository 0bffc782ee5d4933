package dev.rcguard.cdi.http;

import dev.rcguard.cdi.PermissionDeniedMapper;
import dev.rcguard.cdi.RingCentralGuardFeature;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/** Lists its classes, as an application that does not scan must: its own, and the guard's two providers. */
public class GuardedApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(
                MessagesResource.class,
                CallLogResource.class,
                Sms.Reader.class,
                RingCentralGuardFeature.class,
                PermissionDeniedMapper.class);
    }
}
