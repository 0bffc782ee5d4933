package dev.rcguard.demo.app;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * The demo's JAX-RS application under {@code /api}. It lists its resources only: RESTEasy registers the guard's
 * {@code RingCentralGuardFeature} and {@code PermissionDeniedMapper} from rcguard-cdi's
 * {@code META-INF/services/jakarta.ws.rs.ext.Providers} (listing them here too would register them twice).
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
        return Set.of(MessagesResource.class, SmsResource.class, CallLogResource.class);
    }
}
