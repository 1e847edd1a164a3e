package org.mailconsole.web.pages;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mailconsole.console.EmailLogService;
import org.mailconsole.model.emaillog.EmailEntry;
import org.mailconsole.model.emaillog.EmailState;
import org.mailconsole.console.EmailActionConflictException;
import org.mailconsole.console.EmailNotFoundException;
import org.mailconsole.web.ConsoleContextListener;

/**
 * One email log entry: GET /emails/{id} shows it with its attempts; POST /emails/{id}/retry (Retry now,
 * Outbox or Failed) and POST /emails/{id}/cancel (Outbox) act and redirect back (post/redirect/get);
 * an action that does not fit the state re-renders the entry with 409 and why.
 */
public final class EmailEntryServlet extends HttpServlet {
    private static final Pattern PATH = Pattern.compile("/([0-9]{1,18})(?:/(retry|cancel))?");

    private record Target(long id, String action) {
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        Target target = target(request, response);
        if (target == null) {
            return;
        }
        if (target.action() != null) {
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED, "Retry now and Cancel are buttons on the entry.");
            return;
        }
        String done = request.getParameter("retried") != null ? "retried"
                : request.getParameter("cancelled") != null ? "cancelled" : "";
        render(request, response, 200, target.id(), done, "");
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        Target target = target(request, response);
        if (target == null) {
            return;
        }
        if (target.action() == null) {
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        // the container already limits POST to mail-admin; this keeps the rule if a mapping changes
        if (!request.isUserInRole(PageBasics.ADMIN_ROLE)) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "Only mail-admin may retry or cancel.");
            return;
        }
        String done;
        try {
            if (target.action().equals("retry")) {
                log().retry(target.id());
                done = "retried";
            } else {
                log().cancel(target.id(), request.getRemoteUser());
                done = "cancelled";
            }
        } catch (EmailNotFoundException e) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "No such email.");
            return;
        } catch (EmailActionConflictException e) {
            String what = target.action().equals("retry") ? "Not retried: " : "Not cancelled: ";
            render(request, response, 409, target.id(), "", what + e.getMessage());
            return;
        }
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", request.getContextPath() + "/emails/" + target.id() + "?" + done);
    }

    /** {@code done}: the action just made ("retried", "cancelled") for the notice, or "". */
    private void render(HttpServletRequest request, HttpServletResponse response, int status, long id, String done,
                        String error) throws IOException, ServletException {
        EmailEntry entry;
        try {
            entry = log().get(id);
        } catch (EmailNotFoundException e) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "No such email.");
            return;
        }
        Map<String, Object> model = new HashMap<>(PageBasics.model(request));
        model.put("email", EmailView.entry(entry, log().history(id)));
        String mailbox = EmailView.mailboxLabel(entry.state());
        model.put("notice", switch (done) {
            case "retried" -> "Retry now: attempted. The message is now in " + mailbox + ".";
            case "cancelled" -> "Cancelled: the message is now in " + mailbox + ".";
            default -> "";
        });
        model.put("error", error);
        model.put("paused", entry.state() == EmailState.SEND_READY ? log().paused().orElse("") : "");
        Templates.of(getServletContext()).render(response, status, "email-entry.ftlh", model);
    }

    private Target target(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        Matcher matcher = path == null ? null : PATH.matcher(path);
        if (matcher == null || !matcher.matches()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "No such page.");
            return null;
        }
        return new Target(Long.parseLong(matcher.group(1)), matcher.group(2));
    }

    private EmailLogService log() {
        return ConsoleContextListener.console(getServletContext()).emailLog();
    }
}
