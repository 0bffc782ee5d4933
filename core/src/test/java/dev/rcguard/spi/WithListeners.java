package dev.rcguard.spi;

import dev.rcguard.PermissionCheckListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A guard made as in an application whose class loader registers these {@link PermissionCheckListener}s as Java
 * services ({@code META-INF/services/dev.rcguard.PermissionCheckListener}), which is where the guard looks for them.
 */
final class WithListeners {

    private WithListeners() {}

    static PermissionGuard guard(GuardConfig config, Class<?>... listeners) {
        ClassLoader test = Thread.currentThread().getContextClassLoader();
        try {
            Path services = Files.createTempDirectory("rcguard-services");
            Path file = services.resolve("META-INF/services/" + PermissionCheckListener.class.getName());
            Files.createDirectories(file.getParent());
            Files.writeString(
                    file, Arrays.stream(listeners).map(Class::getName).collect(Collectors.joining("\n", "", "\n")));
            try (URLClassLoader application =
                    new URLClassLoader(new URL[] {services.toUri().toURL()}, test)) {
                Thread.currentThread().setContextClassLoader(application);
                return PermissionGuard.create(config);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            Thread.currentThread().setContextClassLoader(test);
        }
    }
}
