package org.mailconsole.web.pages;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.mailconsole.console.AccountConnections;
import org.mailconsole.console.MailConsole;
import org.mailconsole.console.ValidationException;
import org.mailconsole.web.ConsoleContextListener;

/** POST /test-email from the properties page: sends through the outbound connection in force and shows the reply. */
public final class TestEmailServlet extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        request.setCharacterEncoding("UTF-8");
        Map<String, Object> model = PageBasics.model(request);
        model.put("result", send(ConsoleContextListener.console(getServletContext()), null, request.getParameter("to")));
        Templates.of(getServletContext()).render(response, 200, "test-email-result.ftlh", model);
    }

    /** Sends and returns the template model of the result (ok, message, reply, transcriptId). */
    static Map<String, Object> send(MailConsole console, Long accountId, String to) {
        Map<String, Object> result = new HashMap<>();
        result.put("to", to == null ? "" : to);
        try {
            AccountConnections.EmailOutcome outcome = console.accountConnections().sendTestEmail(accountId, to);
            result.put("ok", outcome.result().ok());
            result.put("message", outcome.result().message());
            result.put("reply", outcome.result().reply() == null ? "" : outcome.result().reply());
            result.put("transcriptId", outcome.transcriptId() == null ? "" : outcome.transcriptId().toString());
        } catch (ValidationException e) {
            result.put("ok", false);
            result.put("message", e.errors().stream().map(f -> f.field() + " " + f.message())
                    .reduce((a, b) -> a + "; " + b).orElse("invalid"));
            result.put("reply", "");
            result.put("transcriptId", "");
        }
        return result;
    }
}
