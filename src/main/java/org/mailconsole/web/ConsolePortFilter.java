package org.mailconsole.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The console's own origin (mailconsole.console.ports): a request that arrived on another local
 * port gets a bare 404, pages, API, health alike, as if no console were there. On a port the
 * webapps share, a script injected into any of them could otherwise use an admin's browser
 * (cached BASIC credentials, the session cookie, which browsers send to every port of the host)
 * to call the API or read a page's CSRF token.
 *
 * <p>Registered first, for requests and error dispatches: the container authenticates before any
 * filter runs, so an unauthenticated request's 401 reaches the webapp only as its error page
 * (Tomcat), which this turns into the same 404 (Jetty answers that 401 itself).
 */
public final class ConsolePortFilter extends HttpFilter {
    private final Set<Integer> ports;

    public ConsolePortFilter(Set<Integer> ports) {
        this.ports = Set.copyOf(ports);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (ports.contains(request.getLocalPort())) {
            chain.doFilter(request, response);
            return;
        }
        if (response.isCommitted()) {
            return;
        }
        response.reset(); // drops what came before, a 401's WWW-Authenticate with the realm's name included
        SecurityHeadersFilter.apply(request, response);
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        response.setContentType("text/plain;charset=UTF-8");
        response.getOutputStream().write("Not Found\n".getBytes(StandardCharsets.UTF_8));
    }
}
