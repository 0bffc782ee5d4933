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
 * These RingCentral features must be available to the caller, checked live against
 * {@code GET /restapi/v1.0/account/~/extension/~/features?featureId=X} on every request; all ids of one annotation
 * go in one call.
 *
 * <p>Rules:
 * <ul>
 *   <li>With several ids, {@link #logical()} decides: {@link Logical#ALL} (default) or {@link Logical#ANY}.
 *   <li>A method-level annotation replaces a class-level one.
 *   <li>Together with {@link RequiresRingCentralPermission} on the same method, both must hold.
 *   <li>{@code available:false} is a 403 that carries RingCentral's reason (such as
 *       {@code ServicePlanLimitation}); an id missing from RingCentral's answer is not available.
 * </ul>
 *
 * <pre>{@code
 * @POST
 * @Path("/sms")
 * @RequiresRingCentralFeature("SMSSending")
 * public Response send(Sms sms) { ... }
 * }</pre>
 */
@InterceptorBinding
@Inherited
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequiresRingCentralFeature {

    /** {@return the RingCentral feature ids, such as {@code "SMSSending"}} */
    @Nonbinding
    String[] value();

    /** {@return how several ids combine; {@link Logical#ALL} by default} */
    @Nonbinding
    Logical logical() default Logical.ALL;
}
