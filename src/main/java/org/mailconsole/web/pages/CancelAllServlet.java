package org.mailconsole.web.pages;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.mailconsole.console.EmailLogService;
import org.mailconsole.model.emaillog.EmailState;
import org.mailconsole.web.ConsoleContextListener;

/**
 * Cancel all: GET /emails/cancel-all asks for confirmation (how many wait); POST cancels every
 * waiting Outbox message (a message being delivered finishes its attempt) and goes back to the
 * Outbox tab, which says how many were cancelled.
 */
public final class CancelAllServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        Map<String, Object> model = new HashMap<>(PageBasics.model(request));
        model.put("waiting", String.valueOf(log().counts().get(EmailState.SEND_READY)));
        Templates.of(getServletContext()).render(response, 200, "emails-cancel-all.ftlh", model);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // the container already limits POST to mail-admin; this keeps the rule if a mapping changes
        if (!request.isUserInRole(PageBasics.ADMIN_ROLE)) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "Only mail-admin may cancel.");
            return;
        }
        int cancelled = log().cancelAll("outbox", request.getRemoteUser());
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", request.getContextPath() + "/emails?mailbox=outbox&cancelled=" + cancelled);
    }

    private EmailLogService log() {
        return ConsoleContextListener.console(getServletContext()).emailLog();
    }
}
