package org.mailconsole.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Security headers on every response: no inline script, no framing, no sniffing, no caching, and
 * on a secure request (HTTPS, or behind a proxy the container trusts to say so, such as Tomcat's
 * RemoteIpValve) HSTS, so the browser never again uses plain HTTP for this host. The session
 * cookie's Secure flag follows the same {@code request.isSecure()}: Tomcat and Jetty set it
 * themselves on a secure request.
 */
public final class SecurityHeadersFilter extends HttpFilter {
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    /** A year; no includeSubDomains: other hosts of the domain are not the console's to decide. */
    static final String HSTS = "max-age=31536000";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        apply(request, response);
        chain.doFilter(request, response);
    }

    /** Sets the headers (also for answers written before this filter runs, as {@link ConsolePortFilter}'s). */
    static void apply(HttpServletRequest request, HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", CSP);
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        if (request.isSecure()) {
            response.setHeader("Strict-Transport-Security", HSTS);
        }
        if (!request.getRequestURI().startsWith(request.getContextPath() + "/static/")) {
            response.setHeader("Cache-Control", "no-store");
        }
    }
}
