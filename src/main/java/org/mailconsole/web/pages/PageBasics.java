package org.mailconsole.web.pages;

import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.Map;
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
        return model;
    }
}
