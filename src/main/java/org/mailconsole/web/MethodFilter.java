package org.mailconsole.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Methods a URL does not serve get 405 with an Allow header (HttpServlet's default answers an
 * unknown method with 501, a 5xx for a client's mistake), and TRACE is refused everywhere (it would
 * echo the Authorization header and the session cookie). The Allow header is the servlet's own
 * answer to OPTIONS, without TRACE. On the API, GET, HEAD, POST, PUT, PATCH, DELETE and OPTIONS go
 * to Jersey, which answers 405 with Allow for those a resource does not serve.
 */
public final class MethodFilter extends HttpFilter {
    /** What the page servlets may serve; Jersey also serves PUT, PATCH and DELETE and answers 405 for them itself. */
    private static final Set<String> PAGE_METHODS = Set.of("GET", "HEAD", "POST");
    private static final Set<String> API_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");
    private static final String TRACE = "TRACE";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String method = request.getMethod();
        boolean api = request.getRequestURI().startsWith(request.getContextPath() + "/api/");
        if (api && (API_METHODS.contains(method) || method.equals("OPTIONS"))) {
            chain.doFilter(request, response);
            return;
        }
        if (PAGE_METHODS.contains(method)) {
            // a page servlet's own 405 (HttpServlet's default doGet/doPost) gets the Allow header too
            chain.doFilter(request, new HttpServletResponseWrapper(response) {
                @Override
                public void sendError(int status, String message) throws IOException {
                    if (status == HttpServletResponse.SC_METHOD_NOT_ALLOWED && !containsHeader("Allow")) {
                        try {
                            setAllow(request, response, chain, false);
                        } catch (ServletException e) {
                            throw new IOException(e);
                        }
                    }
                    super.sendError(status, message);
                }

                @Override
                public void sendError(int status) throws IOException {
                    sendError(status, null);
                }
            });
            return;
        }
        String allowed = setAllow(request, response, chain, api);
        if (method.equals("OPTIONS")) {
            response.setStatus(HttpServletResponse.SC_OK);
            return;
        }
        if (api) {
            ProblemWriter.write(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "Method Not Allowed",
                    method + " is not served here; this address allows " + allowed + ".");
        } else {
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED,
                    method + " is not served here; this address allows " + allowed + ".");
        }
    }

    /** Sets the Allow header to what the servlet answers for OPTIONS, without TRACE, and returns it. */
    private static String setAllow(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
                                   boolean api) throws IOException, ServletException {
        AllowCapture allow = new AllowCapture(response);
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public String getMethod() {
                return "OPTIONS";
            }
        }, allow);
        String allowed = allow.allowed(api);
        response.setHeader("Allow", allowed);
        return allowed;
    }

    /** Keeps the Allow header of an OPTIONS answer and lets nothing of that answer through. */
    private static final class AllowCapture extends HttpServletResponseWrapper {
        private String allow;

        AllowCapture(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void setHeader(String name, String value) {
            if ("Allow".equalsIgnoreCase(name)) {
                allow = value;
            }
        }

        @Override
        public void addHeader(String name, String value) {
            if ("Allow".equalsIgnoreCase(name)) {
                allow = allow == null ? value : allow + ", " + value;
            }
        }

        @Override
        public void setStatus(int status) {
        }

        @Override
        public void sendError(int status) {
        }

        @Override
        public void sendError(int status, String message) {
        }

        @Override
        public void setContentType(String type) {
        }

        @Override
        public void setContentLength(int length) {
        }

        @Override
        public void setContentLengthLong(long length) {
        }

        @Override
        public jakarta.servlet.ServletOutputStream getOutputStream() {
            return new jakarta.servlet.ServletOutputStream() {
                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(jakarta.servlet.WriteListener listener) {
                }

                @Override
                public void write(int b) {
                }
            };
        }

        @Override
        public java.io.PrintWriter getWriter() {
            return new java.io.PrintWriter(java.io.Writer.nullWriter());
        }

        @Override
        public void flushBuffer() {
        }

        String allowed(boolean api) {
            String given = allow == null ? (api ? "" : "GET, HEAD, OPTIONS") : allow;
            String methods = Arrays.stream(given.split(","))
                    .map(String::trim)
                    .filter(m -> !m.isEmpty() && !m.equalsIgnoreCase(TRACE))
                    .distinct()
                    .collect(Collectors.joining(", "));
            return methods.isEmpty() ? "OPTIONS" : methods;
        }
    }
}
