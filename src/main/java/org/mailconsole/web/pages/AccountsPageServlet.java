package org.mailconsole.web.pages;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mailconsole.model.Authentication;
import org.mailconsole.model.EmailAccount;
import org.mailconsole.web.ConsoleContextListener;

/**
 * Email Accounts: the list, sortable by any column, filtered by type and active, searched ({@code ?q=}, no
 * script needed) in the name, server and user name.
 */
public final class AccountsPageServlet extends HttpServlet {
    static final List<String> COLUMNS = List.of("name", "type", "server", "port", "security", "authentication", "user",
            "active", "provisioned");
    static final int MAX_QUERY = 200;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        String sort = oneOf(request.getParameter("sort"), COLUMNS);
        sort = sort.isEmpty() ? "name" : sort;
        boolean descending = "desc".equals(request.getParameter("dir"));
        String type = oneOf(request.getParameter("type"), List.of("smtp", "pop3", "imap"));
        String active = oneOf(request.getParameter("active"), List.of("true", "false"));
        String q = request.getParameter("q") == null ? "" : request.getParameter("q").strip();
        q = q.length() > MAX_QUERY ? q.substring(0, MAX_QUERY) : q;
        String needle = q.toLowerCase(Locale.ROOT);

        List<EmailAccount> accounts = ConsoleContextListener.console(getServletContext()).accounts().list().stream()
                .filter(a -> type.isEmpty() || a.type().name().equalsIgnoreCase(type))
                .filter(a -> active.isEmpty() || String.valueOf(a.active()).equals(active))
                .filter(a -> needle.isEmpty() || matches(a, needle))
                .sorted(descending ? comparator(sort).reversed() : comparator(sort))
                .toList();

        Map<String, Object> model = new HashMap<>(PageBasics.model(request));
        model.put("accounts", accounts.stream().map(AccountsPageServlet::row).toList());
        model.put("sort", sort);
        model.put("dir", descending ? "desc" : "asc");
        model.put("type", type);
        model.put("active", active);
        model.put("q", q);
        model.put("columns", COLUMNS);
        model.put("notice", request.getParameter("deleted") != null ? "The account was deleted." : "");
        Templates.of(getServletContext()).render(response, 200, "accounts-list.ftlh", model);
    }

    private static Comparator<EmailAccount> comparator(String column) {
        Comparator<EmailAccount> byName = Comparator.comparing(a -> a.name().toLowerCase(Locale.ROOT));
        Comparator<EmailAccount> primary = switch (column) {
            case "type" -> Comparator.comparing(a -> a.type().name());
            case "server" -> Comparator.comparing(a -> a.server() == null ? "" : a.server().toLowerCase(Locale.ROOT));
            case "port" -> Comparator.comparingInt(EmailAccount::effectivePort);
            case "security" -> Comparator.comparing(a -> a.security() == null ? "" : a.security().name());
            case "authentication" -> Comparator.comparing(a -> a.authentication() == null ? "" : a.authentication().name());
            case "user" -> Comparator.comparing(a -> lower(a.userName()));
            case "active" -> Comparator.comparing(EmailAccount::active);
            case "provisioned" -> Comparator.comparing(EmailAccount::isProvisioned);
            default -> byName;
        };
        return primary.thenComparing(byName);
    }

    private static Map<String, Object> row(EmailAccount a) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", a.id().toString());
        row.put("name", a.name());
        row.put("type", a.type().name());
        if (a.isGraph()) {
            // no server of its own: Graph's host, https, the app's client credentials, the mailbox that sends
            row.put("server", java.net.URI.create(a.graph().graphEndpoint()).getHost());
            row.put("port", "443");
            row.put("security", "HTTPS");
            row.put("authentication", "Client credentials");
            row.put("user", a.graph().mailbox() == null ? "" : a.graph().mailbox());
            row.put("active", a.active());
            row.put("provisioned", a.isProvisioned());
            return row;
        }
        row.put("server", a.server() == null || a.server().isBlank() ? "(not set)" : a.server());
        row.put("port", String.valueOf(a.effectivePort()));
        row.put("security", AccountFormPage.securityLabel(a.security()));
        row.put("authentication", AUTHENTICATION_LABELS.get(a.authentication()));
        row.put("user", a.authentication() == Authentication.NONE || a.userName() == null ? "" : a.userName());
        row.put("active", a.active());
        row.put("provisioned", a.isProvisioned());
        return row;
    }

    private static final Map<Authentication, String> AUTHENTICATION_LABELS = Map.of(
            Authentication.NONE, "None", Authentication.PASSWORD, "Password", Authentication.OAUTH2, "OAuth 2.0");

    /** The search: a part of the name, the server or the user name, ignoring case. */
    private static boolean matches(EmailAccount a, String needle) {
        return lower(a.name()).contains(needle) || lower(a.server()).contains(needle)
                || lower(a.userName()).contains(needle) || (a.isGraph() && lower(a.graph().mailbox()).contains(needle));
    }

    private static String lower(String value) {
        return value == null ? "" : value.toLowerCase(Locale.ROOT);
    }

    private static String oneOf(String value, List<String> allowed) {
        return value != null && allowed.contains(value) ? value : "";
    }
}
