package dev.rcguard;

/**
 * Receives every {@link PermissionCheckEvent} of the application, from every adapter, synchronously after the check.
 * Registered as a Java service: the class's name in the application's
 * {@code META-INF/services/dev.rcguard.PermissionCheckListener} (in a WAR, under {@code WEB-INF/classes}); a public
 * class with a public no-argument constructor. For a servlet container without CDI, such as Tomcat; a CDI
 * application can observe the event instead.
 *
 * <p>A listener that throws is logged and does not change the decision.
 *
 * <pre>{@code
 * public class AuditTrail implements PermissionCheckListener {
 *     @Override
 *     public void onCheck(PermissionCheckEvent check) {
 *         audit.write(check.endpoint(), check.extensionId(), check.decision().outcome(), check.reasonCode());
 *     }
 * }
 * }</pre>
 */
public interface PermissionCheckListener {

    /**
     * Called once for each check, on the request's thread, after the decision and before the response.
     *
     * @param event the check: what was protected, for whom, what was asked and what was decided
     */
    void onCheck(PermissionCheckEvent event);
}
