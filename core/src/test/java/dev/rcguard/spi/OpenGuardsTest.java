package dev.rcguard.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rcguard.internal.OpenGuards;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** {@link OpenGuards}: every guard is listed from when it is made until it is closed. */
class OpenGuardsTest {

    @Test
    void aGuardIsListedWhileOpen_andNoLongerOnceClosed() {
        GuardConfig config = GuardConfig.load(name -> null).withServerUrl(URI.create("http://127.0.0.1:9"));
        PermissionGuard guard = PermissionGuard.create(config);

        assertThat(OpenGuards.list()).contains(guard);

        guard.close();

        assertThat(OpenGuards.list()).doesNotContain(guard);
    }

    @Test
    void theLeasesOfAnApplicationShareOneListedGuard_untilTheLastIsClosed() {
        ApplicationGuard.Attributes application = ApplicationGuard.Attributes.inMemory();
        ApplicationGuard.Lease filter = ApplicationGuard.acquire(application, name -> null, name -> null);
        ApplicationGuard.Lease interceptor = ApplicationGuard.acquire(application, name -> null, name -> null);
        PermissionGuard guard = filter.guard();

        filter.close();
        assertThat(OpenGuards.list()).contains(guard);

        interceptor.close();
        assertThat(OpenGuards.list()).doesNotContain(guard);
    }
}
