package org.mailconsole.web.pages;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mailconsole.model.PropertyCatalog;
import org.mailconsole.model.PropertyDef;

/**
 * Reads the posted System Properties > Email form into property changes.
 * A property whose field is absent is left alone. A check box posts a hidden "false" before
 * its own "true", so the last value wins. A blank password keeps the stored one; its
 * "clear" box removes it.
 */
record PropertiesForm(Long version, Map<String, String> changes, Map<String, String> typed) {
    static final String CLEAR_SUFFIX = ".clear";

    static PropertiesForm read(HttpServletRequest request) {
        Map<String, String> changes = new LinkedHashMap<>();
        Map<String, String> typed = new LinkedHashMap<>();
        for (PropertyDef def : PropertyCatalog.all()) {
            String[] values = request.getParameterValues(def.name());
            String value = values == null ? null : values[values.length - 1];
            if (def.secret()) {
                if ("true".equals(request.getParameter(def.name() + CLEAR_SUFFIX))) {
                    changes.put(def.name(), null);
                } else if (value != null && !value.isEmpty()) {
                    changes.put(def.name(), value);
                }
            } else if (value != null) {
                changes.put(def.name(), value);
                typed.put(def.name(), value);
            }
        }
        return new PropertiesForm(parseVersion(request.getParameter("version")), changes, typed);
    }

    private static Long parseVersion(String version) {
        try {
            return version == null ? null : Long.valueOf(version.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
