package dev.rcguard.tck.embedded;

import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.jboss.arquillian.container.jetty.embedded_12_ee10.WebAppContextProcessor;
import org.jboss.shrinkwrap.api.Archive;

/**
 * Servlet-spec class loading for every embedded WAR: its own {@code WEB-INF} first, as on a real server, so that the
 * library and its runtime (Weld, RESTEasy, SmallRye Config) come from the WAR and not from the test class path, where
 * the suite itself has a copy of core. The adapter loads parent-first by default, and its {@code classloaderBehavior}
 * setting cannot be used instead: Arquillian does not convert that enum type from {@code arquillian.xml}.
 */
public class WarFirstClassLoading implements WebAppContextProcessor {

    @Override
    public void process(WebAppContext context, Archive<?> archive) {
        context.setParentLoaderPriority(false);
    }
}
