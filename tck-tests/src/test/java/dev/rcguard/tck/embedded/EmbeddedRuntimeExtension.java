package dev.rcguard.tck.embedded;

import org.jboss.arquillian.container.jetty.embedded_12_ee10.WebAppContextProcessor;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * Registers {@link EmbeddedRuntimeLibraries} and {@link WarFirstClassLoading} with Arquillian. Active only where the embedded profile sets
 * {@value EmbeddedRuntimeLibraries#PROPERTY}; a real server brings its own runtime.
 */
public class EmbeddedRuntimeExtension implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        if (System.getProperty(EmbeddedRuntimeLibraries.PROPERTY) != null) {
            builder.observer(EmbeddedRuntimeLibraries.class);
            builder.service(WebAppContextProcessor.class, WarFirstClassLoading.class);
        }
    }
}
