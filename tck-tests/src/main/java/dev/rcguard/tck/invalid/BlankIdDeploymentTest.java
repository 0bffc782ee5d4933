package dev.rcguard.tck.invalid;

import dev.rcguard.tck.invalid.fixture.BlankIdService;
import dev.rcguard.tck.support.Deployments;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.ShouldThrowException;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A blank id on a CDI bean method fails the deployment. */
@ExtendWith(ArquillianExtension.class)
class BlankIdDeploymentTest {

    @Deployment(testable = false)
    @ShouldThrowException(Exception.class) // each container reports a failed deployment its own way
    static WebArchive deployment() {
        return Deployments.cdi("blank-id").addClass(BlankIdService.class);
    }

    @Test
    void deploymentFails() {
        // Arquillian has already checked that deploying failed; the other classes deploy the same runtime fine.
    }
}
