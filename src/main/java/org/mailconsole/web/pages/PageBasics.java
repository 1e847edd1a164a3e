package org.mailconsole.web.pages;

import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mailconsole.console.MailConsole;
import org.mailconsole.web.ConsoleContextListener;
import org.mailconsole.web.CsrfFilter;

/** What every page's template needs: base path, CSRF token, user, and whether they may change things. */
final class PageBasics {
    static final String ADMIN_ROLE = "mail-admin";

    private PageBasics() {
    }

    static Map<String, Object> model(HttpServletRequest request) {
        Map<String, Object> model = new HashMap<>();
        model.put("base", request.getContextPath());
        model.put("csrf", CsrfFilter.token(request));
        model.put("canEdit", request.isUserInRole(ADMIN_ROLE));
        model.put("user", request.getRemoteUser() == null ? "" : request.getRemoteUser());
        model.put("notice", "");
        model.put("error", "");
        model.put("warnings", warnings(request));
        model.put("currentPath", currentPath(request));
        return model;
    }

    private static final java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm:ss").withZone(java.time.ZoneOffset.UTC);

    /** A time as pages show it: to the second, in UTC (the column says so). */
    static String time(java.time.Instant at) {
        return at == null ? "" : TIME.format(at);
    }

    /** The page's path inside the console (the failed request's on an error page): marks the navigation. */
    static String currentPath(HttpServletRequest request) {
        Object failed = request.getAttribute(jakarta.servlet.RequestDispatcher.ERROR_REQUEST_URI);
        String uri = failed instanceof String s ? s : request.getRequestURI();
        String context = request.getContextPath();
        return uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }

    /** The banner: sending off, or a test address redirecting all mail (each naming its setting). */
    static List<Map<String, String>> warnings(HttpServletRequest request) {
        MailConsole console = ConsoleContextListener.console(request.getServletContext());
        if (console == null) {
            return List.of();
        }
        try {
            return console.diagnostics().warnings().items().stream().map(w -> Map.of("text", w.text(),
                    "setting", w.setting(), "path", w.path())).toList();
        } catch (RuntimeException e) {
            return List.of(); // the page itself reports what is wrong
        }
    }
}
