package org.mailconsole.web.pages;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mailconsole.console.diagnostics.Diagnostics;
import org.mailconsole.console.diagnostics.DiagnosticsService;
import org.mailconsole.web.ConsoleContextListener;

/** Email diagnostics: GET /diagnostics shows the facts; POST /diagnostics/check-connections tests every active account. */
public final class DiagnosticsServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        if (request.getPathInfo() != null && !request.getPathInfo().equals("/")) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "No such page.");
            return;
        }
        render(request, response, null);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        if (!"/check-connections".equals(request.getPathInfo())) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "No such page.");
            return;
        }
        render(request, response, service().checkConnections());
    }

    private void render(HttpServletRequest request, HttpServletResponse response, List<Diagnostics.CheckResult> checks)
            throws IOException, ServletException {
        Map<String, Object> model = new HashMap<>(PageBasics.model(request));
        Diagnostics d = service().diagnostics();
        model.put("d", DiagnosticsPage.model(d));
        model.put("lastDay", LastDayChart.model(service().lastDayByHour()));
        model.put("checks", checks == null ? "" : checks.stream().map(DiagnosticsPage::check).toList());
        Templates.of(getServletContext()).render(response, 200, "diagnostics.ftlh", model);
    }

    private DiagnosticsService service() {
        return ConsoleContextListener.console(getServletContext()).diagnostics();
    }
}
