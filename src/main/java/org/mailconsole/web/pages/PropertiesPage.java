package org.mailconsole.web.pages;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mailconsole.console.PropertiesDocument;
import org.mailconsole.console.PropertyView;
import org.mailconsole.model.AuditEntry;
import org.mailconsole.model.FieldError;
import org.mailconsole.model.PropertyCatalog;
import org.mailconsole.model.PropertyDef;
import org.mailconsole.model.Section;

/**
 * The template model of System Properties > Email: one row per property, grouped by section,
 * showing either the stored values or, after a refused save, what the admin typed.
 */
final class PropertiesPage {
    static final String SECURITY_WARNING = "Less safe than SSL/TLS: ";

    private PropertiesPage() {
    }

    static Map<String, Object> model(PropertiesDocument document, Map<String, String> typed,
                                     List<FieldError> errors, List<AuditEntry> changes) {
        Map<String, String> errorByField = new HashMap<>();
        errors.forEach(e -> errorByField.merge(e.field(), e.message(), (a, b) -> a + "; " + b));
        Map<Section, List<Map<String, Object>>> sections = new LinkedHashMap<>();
        for (Section section : Section.values()) {
            sections.put(section, new ArrayList<>());
        }
        for (PropertyView view : document.properties()) {
            PropertyDef def = view.def();
            String shown = typed.containsKey(def.name()) ? typed.get(def.name()) : view.value();
            Map<String, Object> row = new HashMap<>();
            row.put("name", def.name());
            row.put("id", def.name().replace('.', '-'));
            row.put("label", def.label());
            row.put("help", def.help());
            row.put("kind", kind(def));
            row.put("value", def.secret() || shown == null ? "" : shown);
            row.put("checked", "true".equals(shown == null ? view.effective() : shown));
            row.put("placeholder", def.defaultValue());
            row.put("choices", def.choices());
            row.put("selected", shown == null || shown.isBlank() ? view.effective() : shown);
            row.put("set", view.set());
            row.put("note", nullToEmpty(EffectiveNote.of(view)));
            row.put("error", nullToEmpty(errorByField.get(def.name())));
            row.put("warning", nullToEmpty(warning(def, (String) row.get("selected"))));
            sections.get(def.section()).add(row);
        }
        List<Map<String, Object>> sectionList = new ArrayList<>();
        sections.forEach((section, rows) -> sectionList.add(Map.of("title", section.title(), "rows", rows,
                "outgoing", section == org.mailconsole.model.Section.OUTGOING_SERVER)));

        List<String> unplaced = errors.stream()
                .filter(e -> PropertyCatalog.find(e.field()).isEmpty())
                .map(e -> e.field() + " " + e.message())
                .toList();
        Map<String, Object> model = new HashMap<>();
        model.put("version", document.version());
        model.put("sections", sectionList);
        model.put("otherErrors", unplaced);
        model.put("changes", changes.stream().map(PropertiesPage::change).toList());
        return model;
    }

    static String warning(PropertyDef def, String encryption) {
        if (!def.name().equals(PropertyCatalog.SMTP_ENCRYPTION) || encryption == null) {
            return null;
        }
        return switch (encryption) {
            case PropertyCatalog.ENCRYPTION_NONE ->
                    SECURITY_WARNING + "none sends the password and every message in plain text.";
            case PropertyCatalog.ENCRYPTION_STARTTLS ->
                    SECURITY_WARNING + "starttls begins in plain text; the upgrade is required, "
                            + "so a server that does not offer it is refused.";
            default -> null;
        };
    }

    private static String kind(PropertyDef def) {
        return switch (def.type()) {
            case BOOLEAN -> "checkbox";
            case CHOICE -> "select";
            case SECRET -> "password";
            case PORT, POSITIVE_INTEGER -> "number";
            default -> "text";
        };
    }

    private static Map<String, Object> change(AuditEntry entry) {
        Map<String, Object> row = new HashMap<>();
        row.put("at", entry.at().toString());
        row.put("actor", entry.actor());
        row.put("subject", entry.subject());
        row.put("field", entry.field());
        row.put("oldValue", nullToEmpty(entry.oldValue()));
        row.put("newValue", nullToEmpty(entry.newValue()));
        return row;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
