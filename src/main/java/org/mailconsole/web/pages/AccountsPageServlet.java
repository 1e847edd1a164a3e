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
import org.mailconsole.model.EmailAccount;
import org.mailconsole.web.ConsoleContextListener;

/** Email Accounts: the list, sortable by any column, filtered by type and active. */
public final class AccountsPageServlet extends HttpServlet {
    static final List<String> COLUMNS = List.of("name", "type", "server", "port", "security", "active", "provisioned");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        String sort = oneOf(request.getParameter("sort"), COLUMNS);
        sort = sort.isEmpty() ? "name" : sort;
        boolean descending = "desc".equals(request.getParameter("dir"));
        String type = oneOf(request.getParameter("type"), List.of("smtp", "pop3", "imap"));
        String active = oneOf(request.getParameter("active"), List.of("true", "false"));

        List<EmailAccount> accounts = ConsoleContextListener.console(getServletContext()).accounts().list().stream()
                .filter(a -> type.isEmpty() || a.type().name().equalsIgnoreCase(type))
                .filter(a -> active.isEmpty() || String.valueOf(a.active()).equals(active))
                .sorted(descending ? comparator(sort).reversed() : comparator(sort))
                .toList();

        Map<String, Object> model = new HashMap<>(PageBasics.model(request));
        model.put("accounts", accounts.stream().map(AccountsPageServlet::row).toList());
        model.put("sort", sort);
        model.put("dir", descending ? "desc" : "asc");
        model.put("type", type);
        model.put("active", active);
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
            case "security" -> Comparator.comparing(a -> a.security().name());
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
        row.put("server", a.server() == null || a.server().isBlank() ? "(not set)" : a.server());
        row.put("port", String.valueOf(a.effectivePort()));
        row.put("security", AccountFormPage.securityLabel(a.security()));
        row.put("active", a.active());
        row.put("provisioned", a.isProvisioned());
        return row;
    }

    private static String oneOf(String value, List<String> allowed) {
        return value != null && allowed.contains(value) ? value : "";
    }
}
