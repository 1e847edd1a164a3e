package org.mailconsole.web.pages;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mailconsole.console.EmailLogService;
import org.mailconsole.console.ValidationException;
import org.mailconsole.model.emaillog.EmailPage;
import org.mailconsole.model.emaillog.EmailState;
import org.mailconsole.web.ConsoleContextListener;

/**
 * The email log: /emails?mailbox=outbox|sent|failed|skipped (none: all) &amp;q=&amp;page=&amp;size=, one
 * mailbox at a time with the counts on its tabs, newest first, paged, searchable. A bad parameter is
 * a 400 page naming it.
 */
public final class EmailsPageServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        EmailLogService log = ConsoleContextListener.console(getServletContext()).emailLog();
        Map<String, Object> model = new HashMap<>(PageBasics.model(request));
        EmailLogService.Query query;
        try {
            query = log.query(request.getParameter("mailbox"), request.getParameter("q"),
                    request.getParameter("page"), request.getParameter("size"));
        } catch (ValidationException e) {
            model.put("problems", e.errors().stream().map(f -> Map.of("field", f.field(), "message", f.message()))
                    .toList());
            Templates.of(getServletContext()).render(response, 400, "emails-bad-query.ftlh", model);
            return;
        }
        EmailPage page = log.list(query);
        Map<EmailState, Long> counts = log.counts();
        String mailbox = query.mailbox() == null ? "" : query.mailbox().mailbox();
        String q = query.q() == null ? "" : query.q();
        String size = query.size() == EmailLogService.DEFAULT_SIZE ? "" : String.valueOf(query.size());

        model.put("mailbox", mailbox);
        model.put("q", q);
        model.put("size", size);
        model.put("tabs", tabs(counts, q, size, mailbox));
        model.put("emails", page.emails().stream().map(EmailView::row).toList());
        // the Outbox waits while sending is not possible: say so, and why, where its messages are listed
        boolean outboxShown = query.mailbox() == null || query.mailbox() == EmailState.SEND_READY;
        model.put("paused", outboxShown ? log.paused().orElse("") : "");
        model.put("canCancelAll", query.mailbox() == EmailState.SEND_READY && counts.get(EmailState.SEND_READY) > 0);
        String cancelled = request.getParameter("cancelled");
        model.put("cancelledAll", cancelled != null && cancelled.matches("[0-9]{1,9}") ? cancelled : "");
        long first = (long) page.page() * page.size();
        // a broad search stops counting: "10000+", and an older page while this one is full
        model.put("total", page.totalCapped() ? page.total() + "+" : String.valueOf(page.total()));
        model.put("from", String.valueOf(page.emails().isEmpty() ? Math.min(first + 1, page.total()) : first + 1));
        model.put("to", String.valueOf(first + page.emails().size()));
        model.put("newer", page.page() > 0 ? link(mailbox, q, size, page.totalCapped() ? page.page() - 1
                : Math.min(page.page() - 1, lastPage(page))) : "");
        model.put("older", (page.totalCapped() ? page.emails().size() == page.size() : first + page.size() < page.total())
                ? link(mailbox, q, size, page.page() + 1) : "");
        Templates.of(getServletContext()).render(response, 200, "emails-list.ftlh", model);
    }

    private static List<Map<String, Object>> tabs(Map<EmailState, Long> counts, String q, String size, String current) {
        List<Map<String, Object>> tabs = new ArrayList<>();
        tabs.add(tab("", "All", counts.values().stream().mapToLong(Long::longValue).sum(), q, size, current));
        for (EmailState state : EmailState.values()) {
            tabs.add(tab(state.mailbox(), EmailView.mailboxLabel(state), counts.getOrDefault(state, 0L), q, size,
                    current));
        }
        return tabs;
    }

    private static Map<String, Object> tab(String mailbox, String label, long count, String q, String size,
                                           String current) {
        return Map.of("mailbox", mailbox, "label", label, "count", String.valueOf(count),
                "href", link(mailbox, q, size, 0), "current", mailbox.equals(current));
    }

    private static int lastPage(EmailPage page) {
        return (int) Math.max(0, (page.total() - 1) / page.size());
    }

    /** The page's query string (relative to /emails); empty parameters are left out. */
    static String link(String mailbox, String q, String size, int page) {
        List<String> parameters = new ArrayList<>();
        if (!mailbox.isEmpty()) {
            parameters.add("mailbox=" + mailbox);
        }
        if (!q.isEmpty()) {
            parameters.add("q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
        }
        if (!size.isEmpty()) {
            parameters.add("size=" + size);
        }
        if (page > 0) {
            parameters.add("page=" + page);
        }
        return parameters.isEmpty() ? "" : "?" + String.join("&", parameters);
    }
}
