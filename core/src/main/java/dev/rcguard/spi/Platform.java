package dev.rcguard.spi;

import dev.rcguard.MissingPlatformException;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * Checks, when an application starts, that the platform provides what the guard's client needs: MicroProfile Rest
 * Client and JSON-B, API and implementation. Adapters call {@link #requireRestClientAndJsonb()} at deployment so that
 * a missing piece fails the deployment with one message, not every guarded request with a 500.
 */
public final class Platform {

    /** The first words of every message: search the server's log for them. */
    public static final String CANNOT_START = "RingCentral guard cannot start: ";

    static final String REST_CLIENT = CANNOT_START
            + "MicroProfile Rest Client is missing (org.eclipse.microprofile.rest.client.RestClientBuilder: %s). Add it"
            + " to the server. Open Liberty: the feature mpRestClient-3.0 (or microProfile-6.1) in server.xml."
            + " WildFly: the microprofile-rest-client-smallrye subsystem (in the default standalone.xml)."
            + " Payara: built in. A plain servlet container (Tomcat, Jetty): put"
            + " org.jboss.resteasy.microprofile:microprofile-rest-client and its dependencies in WEB-INF/lib, as the"
            + " servlet filter's README lists them.";
    static final String JSONB = CANNOT_START
            + "JSON-B is missing (jakarta.json.bind.JsonbBuilder: %s). Add it to the server. Open Liberty: the feature"
            + " jsonb-3.0 in server.xml. WildFly and Payara: built in. A plain servlet container (Tomcat, Jetty): put"
            + " org.eclipse:yasson in WEB-INF/lib, as the servlet filter's README lists it.";

    private Platform() {}

    /**
     * @throws MissingPlatformException naming what is missing and how to add it on each server
     */
    public static void requireRestClientAndJsonb() {
        try {
            RestClientBuilder.newBuilder();
        } catch (LinkageError | RuntimeException missing) {
            throw new MissingPlatformException(REST_CLIENT.formatted(missing), missing);
        }
        try (Jsonb jsonb = JsonbBuilder.create()) {
            jsonb.toJson(Boolean.TRUE);
        } catch (LinkageError | Exception missing) {
            throw new MissingPlatformException(JSONB.formatted(missing), missing);
        }
    }
}
