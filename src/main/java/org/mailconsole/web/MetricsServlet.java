package org.mailconsole.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.mailconsole.console.MailConsole;

/**
 * GET /metrics: the shared core's meters in the Prometheus text format, for mail-viewer and
 * mail-admin (web.xml), on the console's ports only (ConsolePortFilter), like every page. It only
 * writes out what the core's registry renders.
 */
public final class MetricsServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] text = ConsoleContextListener.console(getServletContext()).metricsText().getBytes(StandardCharsets.UTF_8);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(MailConsole.METRICS_CONTENT_TYPE);
        response.setContentLength(text.length);
        response.getOutputStream().write(text);
    }
}
