package dev.rcguard.cdi.http;

import dev.rcguard.spi.ApplicationGuard;
import dev.rcguard.spi.Caller;
import dev.rcguard.spi.RequestMemo;
import dev.rcguard.spi.Requirement;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
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

    private ApplicationGuard.Lease lease;

    @Override
    public void init(FilterConfig config) {
        ServletContext context = config.getServletContext();
        lease = ApplicationGuard.acquire(
                ApplicationGuard.Attributes.of(context::getAttribute, context::setAttribute, context::removeAttribute),
                context::getInitParameter,
                config::getInitParameter);
    }

    @Override
    public void destroy() {
        lease.close();
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        if (http.getRequestURI().equals("/messages")) {
            lease.guard()
                    .check(
                            Caller.ofBearer(http.getHeader("Authorization")),
                            READ_MESSAGES,
                            null,
                            RequestMemo.of(http::getAttribute, http::setAttribute));
        }
        chain.doFilter(request, response);
    }
}
