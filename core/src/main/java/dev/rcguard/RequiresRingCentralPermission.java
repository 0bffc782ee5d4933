package dev.rcguard;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The caller must hold these RingCentral permissions, checked live against
 * {@code GET /restapi/v1.0/account/~/extension/~/authz-profile/check?permissionId=X} on every request.
 *
 * <p>Rules:
 * <ul>
 *   <li>With several ids, {@link #logical()} decides: {@link Logical#ALL} (default) needs every one,
 *       {@link Logical#ANY} needs one. The ids are checked concurrently.
 *   <li>A method-level annotation replaces a class-level one (like {@code @RolesAllowed}).
 *   <li>Together with {@link RequiresRingCentralFeature} on the same method, both must hold.
 *   <li>Ids are validated when the application starts; a blank or malformed id fails the deployment.
 *   <li>A RingCentral answer of {@code successful:false} (or none at all) is a 403; an error is never a grant.
 * </ul>
 *
 * <pre>{@code
 * @GET
 * @Path("/users/{extensionId}/messages")
 * @RequiresRingCentralPermission(value = "ReadMessages", targetExtension = "{extensionId}")
 * public List<Message> messages(@PathParam("extensionId") String extensionId) { ... }
 * }</pre>
 */
@InterceptorBinding
@Inherited
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequiresRingCentralPermission {

    /** {@return the RingCentral permission ids, such as {@code "ReadMessages"}} */
    @Nonbinding
    String[] value();

    /** {@return how several ids combine; {@link Logical#ALL} by default} */
    @Nonbinding
    Logical logical() default Logical.ALL;

    /**
     * The extension the permission is exercised on, sent as {@code targetExtensionId}: a JAX-RS path parameter
     * placeholder such as {@code "{extensionId}"}, whose value must be digits or {@code ~}. Empty (the default) means
     * the caller's own extension.
     *
     * @return the target extension's placeholder or id, or empty for the caller's own
     */
    @Nonbinding
    String targetExtension() default "";
}
