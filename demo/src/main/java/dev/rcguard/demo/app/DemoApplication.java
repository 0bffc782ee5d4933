package dev.rcguard.demo.app;

import dev.rcguard.cdi.PermissionDeniedMapper;
import dev.rcguard.cdi.RingCentralGuardFeature;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * The demo's JAX-RS application under {@code /api}. It lists its classes, so it lists the guard's two providers too
 * ({@code RingCentralGuardFeature} and {@code PermissionDeniedMapper}); an application that lists none has them
 * found by the server's scanning, as they are {@code @Provider}s.
 *
 * <pre>{@code
 * GET  /api/messages                          needs permission ReadMessages
 * GET  /api/messages/unread-count             the CDI service Mailbox needs ReadMessages
 * POST /api/sms                               needs feature SMSSending
 * GET  /api/extensions/{extensionId}/call-log needs ReadCallLog on that extension
 * }</pre>
 */
@ApplicationPath("/api")
public class DemoApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(
                MessagesResource.class,
                SmsResource.class,
                CallLogResource.class,
                RingCentralGuardFeature.class,
                PermissionDeniedMapper.class);
    }
}
