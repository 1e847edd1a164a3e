package org.mailconsole.web.pages;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.mailconsole.web.ProblemWriter;

/**
 * The page of every error status (web.xml's default error page): in the console's layout for pages,
 * application/problem+json under /api/. Never a stack trace or a container version; a 5xx never
 * shows the exception's message (it may name tables or columns), the server log has it.
 */
public final class ErrorPageServlet extends HttpServlet {
    private static final System.Logger LOG = System.getLogger(ErrorPageServlet.class.getName());

    /** Every method: the error dispatch keeps the failed request's method, whatever it was. */
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer n ? n : response.getStatus() >= 400 ? response.getStatus() : 404;
        Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (failure != null) {
            LOG.log(status >= 500 ? System.Logger.Level.ERROR : System.Logger.Level.DEBUG, "request "
                    + request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) + " failed: " + failure);
        }
        String detail = detail(status, (String) request.getAttribute(RequestDispatcher.ERROR_MESSAGE), failure);
        String uri = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri != null && uri.startsWith(request.getContextPath() + "/api/")) {
            ProblemWriter.write(response, status, ProblemWriter.title(status), detail);
            return;
        }
        Map<String, Object> model = new HashMap<>();
        model.put("base", request.getContextPath());
        model.put("user", request.getRemoteUser() == null ? "" : request.getRemoteUser());
        model.put("currentPath", PageBasics.currentPath(request)); // the section and breadcrumbs of the failed page
        model.put("warnings", status == 401 ? java.util.List.of() : PageBasics.warnings(request));
        model.put("status", String.valueOf(status));
        model.put("title", ProblemWriter.title(status));
        model.put("detail", detail);
        Templates.of(getServletContext()).render(response, status, "error.ftlh", model);
    }

    private static String detail(int status, String message, Throwable failure) {
        if (status >= 500) {
            return "The console failed to handle this request; nothing was changed by it. The server log has the details.";
        }
        if (failure == null && message != null && !message.isBlank() && message.length() <= 300) {
            return message;
        }
        return switch (status) {
            case 400 -> "The request was not understood.";
            case 401 -> "Log in to use the Mail Console.";
            case 403 -> "You may not do this.";
            case 404 -> "No such page.";
            case 405 -> "This address does not serve that method.";
            case 413 -> "The request is too large.";
            case 415 -> "This address does not accept that content type.";
            default -> "The request was refused.";
        };
    }
}
