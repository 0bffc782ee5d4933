package dev.rcguard.cdi;

import dev.rcguard.PermissionDeniedException;
import dev.rcguard.spi.Verdict;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Enforces the RingCentral requirement of a CDI bean method before it runs; a refusal throws
 * {@link PermissionDeniedException} carrying the {@link dev.rcguard.Decision} (rendered as problem+json by the JAX-RS exception
 * mapper when it reaches a resource). Registered and enabled by {@link GuardExtension}; applications do not list it.
 *
 * <p>Priority {@link #PRIORITY} = {@code Interceptor.Priority.LIBRARY_BEFORE + 10}: authorization comes before the
 * application's interceptors ({@code APPLICATION}) and other libraries' later ones, so nothing runs for a refused
 * call. Inside an HTTP request the caller's token and the per-request memo come from that request, so an id already
 * checked by the JAX-RS or servlet filter costs no second upstream call, and a requirement the JAX-RS filter just granted
 * for the same target is not checked again.
 *
 * <pre>{@code
 * @ApplicationScoped
 * @RequiresRingCentralFeature("SMSSending")
 * public class SmsService { public void send(Sms sms) { ... } }
 * }</pre>
 */
@Guarded
@Interceptor
@Priority(GuardInterceptor.PRIORITY)
public class GuardInterceptor {

    /** Created by the CDI container for each intercepted bean. */
    public GuardInterceptor() {}

    /** {@code Interceptor.Priority.LIBRARY_BEFORE + 10}. */
    public static final int PRIORITY = Interceptor.Priority.LIBRARY_BEFORE + 10;

    @Inject
    GuardRuntime runtime;

    @Inject
    CurrentRequest request;

    /**
     * Checks the method's requirement before it runs, once per request for the same requirement and target.
     *
     * @param invocation the intercepted call
     * @return what the method returned
     * @throws PermissionDeniedException when the check did not grant (in enforce mode)
     * @throws Exception what the method threw
     */
    @AroundInvoke
    public Object enforce(InvocationContext invocation) throws Exception {
        GuardedMethod method = runtime.method(invocation.getTarget(), invocation.getMethod());
        Object target = method.targetArgument() < 0 ? null : invocation.getParameters()[method.targetArgument()];
        Verdict verdict = runtime.enforce(
                method.endpoint(),
                method.requirement(),
                runtime.caller(request.tokenRequest()),
                target,
                request.memo());
        if (!verdict.proceeds()) {
            throw new PermissionDeniedException(verdict.decision());
        }
        return invocation.proceed();
    }
}
