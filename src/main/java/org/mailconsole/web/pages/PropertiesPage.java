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
    /** Recent changes: the audit rows read (newest first) and the saves shown of them. */
    static final int RECENT_ROWS = 200;
    static final int RECENT_SAVES = 10;
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
        boolean outgoingOff = outgoingOff(document, typed);
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
            String error = nullToEmpty(errorByField.get(def.name()));
            // the note describes a blank field: not beside a typed value, never beside that value's error
            boolean blank = !typed.containsKey(def.name()) || typed.get(def.name()) == null
                    || typed.get(def.name()).isBlank();
            String note = blank && error.isEmpty() ? nullToEmpty(EffectiveNote.of(view)) : "";
            row.put("note", note);
            row.put("error", error);
            // a help line that only says what blank means is not repeated under the note that says it concretely
            row.put("help", !note.isEmpty() && def.help().startsWith("Blank") ? "" : def.help());
            Map<String, String> security = SecurityNote.of(
                    def.name().equals(PropertyCatalog.SMTP_ENCRYPTION) ? (String) row.get("selected") : null, outgoingOff);
            row.put("warning", security.get("text"));
            row.put("warningKind", security.get("kind"));
            row.put("noteNone", security.get("none"));
            row.put("noteStarttls", security.get("starttls"));
            row.put("choiceLabels", def.choices().stream().map(SecurityNote::label).toList());
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
        model.put("changes", AuditGroups.of(changes, changes.size() >= RECENT_ROWS, RECENT_SAVES));
        return model;
    }

    /** Outgoing mail is off: no server, or sending switched off (then no note on its security). */
    private static boolean outgoingOff(PropertiesDocument document, Map<String, String> typed) {
        String server = null;
        String sending = null;
        for (PropertyView view : document.properties()) {
            String name = view.def().name();
            String shown = typed.containsKey(name) ? typed.get(name) : view.effective();
            if (name.equals(PropertyCatalog.EMAIL_SERVER)) {
                server = shown;
            } else if (name.equals(PropertyCatalog.SENDING_ACTIVE)) {
                sending = shown;
            }
        }
        return server == null || server.isBlank() || "false".equals(sending);
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

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
