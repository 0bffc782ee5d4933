package dev.rcguard.tck.invalid;

import dev.rcguard.tck.invalid.fixture.UnknownPlaceholderResource;
import dev.rcguard.tck.jaxrs.fixture.GuardedApplication;
import dev.rcguard.tck.support.Deployments;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.ShouldThrowException;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A {@code targetExtension} placeholder that names no path parameter fails the deployment. */
@ExtendWith(ArquillianExtension.class)
class UnknownPlaceholderDeploymentTest {

    @Deployment(testable = false)
    @ShouldThrowException(Exception.class) // each container reports a failed deployment its own way
    static WebArchive deployment() {
        return Deployments.cdi("unknown-placeholder")
                .addClasses(GuardedApplication.class, UnknownPlaceholderResource.class);
    }

    @Test
    void deploymentFails() {
        // Arquillian has already checked that deploying failed; the other classes deploy the same runtime fine.
    }
}
