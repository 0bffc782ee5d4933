package dev.rcguard.cdi.http;

import dev.rcguard.Caller;
import dev.rcguard.RequestMemo;
import dev.rcguard.Requirement;
import dev.rcguard.config.GuardConfig;
import dev.rcguard.engine.PermissionGuard;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;

/**
 * Does what the servlet-filter module's adapter does on the way in — checks ReadMessages with the memo kept under
 * {@link RequestMemo#ATTRIBUTE} — so that tests can show the memo is shared across all adapters of one request.
 */
public class ServletFilterStandIn implements Filter {

    private static final Requirement READ_MESSAGES = Requirement.permissions(dev.rcguard.Logical.ALL, "ReadMessages");

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        if (http.getRequestURI().equals("/messages")) {
            PermissionGuard.shared(GuardConfig.load(name -> null))
                    .check(
                            Caller.ofBearer(http.getHeader("Authorization")),
                            READ_MESSAGES,
                            null,
                            RequestMemo.of(http::getAttribute, http::setAttribute));
        }
        chain.doFilter(request, response);
    }
}
