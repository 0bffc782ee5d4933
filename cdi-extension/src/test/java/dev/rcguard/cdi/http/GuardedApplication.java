package dev.rcguard.cdi.http;

import jakarta.ws.rs.core.Application;
import java.util.Set;

/** Lists only the application's own classes: the guard's providers come from the library's service file. */
public class GuardedApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(MessagesResource.class, CallLogResource.class, Sms.Reader.class);
    }
}
