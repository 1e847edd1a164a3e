package org.mailconsole.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * Refuses state-changing requests that could come from another site: API calls need the
 * X-Requested-With header (which a browser only sends cross-site with CORS, never allowed here),
 * form posts need the session's CSRF token in the {@value #PARAMETER} field of the body (never the query string).
 */
public final class CsrfFilter extends HttpFilter {
    public static final String PARAMETER = "_csrf";
    private static final String SESSION_KEY = CsrfFilter.class.getName();
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (SAFE_METHODS.contains(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        boolean api = request.getRequestURI().startsWith(request.getContextPath() + "/api/");
        if (api) {
            String header = request.getHeader("X-Requested-With");
            if (header == null || header.isBlank()) {
                ProblemWriter.write(response, HttpServletResponse.SC_FORBIDDEN, "Forbidden",
                        "state-changing API calls need the header X-Requested-With");
                return;
            }
        } else if (!validToken(request)) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN,
                    "The form's security token is missing or expired. Reload the page and try again.");
            return;
        }
        chain.doFilter(request, response);
    }

    /** The token of this session, created on first use; pages put it in every form. */
    public static String token(HttpServletRequest request) {
        HttpSession session = request.getSession(true);
        String token = (String) session.getAttribute(SESSION_KEY);
        if (token == null) {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            session.setAttribute(SESSION_KEY, token);
        }
        return token;
    }

    private static boolean validToken(HttpServletRequest request) {
        if (inQueryString(request.getQueryString())) {
            return false; // a token in a URL leaks into logs and Referer headers: accepted from the body only
        }
        HttpSession session = request.getSession(false);
        String expected = session == null ? null : (String) session.getAttribute(SESSION_KEY);
        String given = request.getParameter(PARAMETER);
        return expected != null && given != null && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean inQueryString(String query) {
        if (query == null) {
            return false;
        }
        for (String pair : query.split("&")) {
            String name = pair.split("=", 2)[0];
            try {
                name = URLDecoder.decode(name, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformed) {
                // compared as sent
            }
            if (name.equals(PARAMETER)) {
                return true;
            }
        }
        return false;
    }
}
