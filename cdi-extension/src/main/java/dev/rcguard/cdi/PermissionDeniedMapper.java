package dev.rcguard.cdi;

import dev.rcguard.PermissionDeniedException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Turns a {@link PermissionDeniedException} thrown by the interceptor on a bean deeper in the call (a service a
 * resource calls) into the same problem+json response the JAX-RS filter writes.
 *
 * <pre>{@code
 * // resource → mailbox.messages() → PermissionDeniedException → 403 application/problem+json
 * }</pre>
 */
@Provider
public class PermissionDeniedMapper implements ExceptionMapper<PermissionDeniedException> {

    /** Created by the JAX-RS runtime, which finds the provider by scanning or among the application's classes. */
    public PermissionDeniedMapper() {}

    @Override
    public Response toResponse(PermissionDeniedException denial) {
        return Problems.response(denial.decision());
    }
}
