package org.mailconsole.web.pages;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.mailconsole.model.AuditEntry;

/**
 * Recent changes, one group per save: the audit rows of one save share its time and actor
 * ({@code AuditStore} writes them so), newest first; within a group, the changes per subject.
 */
final class AuditGroups {
    private AuditGroups() {
    }

    /**
     * @param newestFirst audit rows, newest first, as read with a row limit
     * @param limited     whether the read hit its row limit (then the oldest group may be cut short and is left out)
     * @param maxGroups   at most this many groups
     */
    static List<Map<String, Object>> of(List<AuditEntry> newestFirst, boolean limited, int maxGroups) {
        List<List<AuditEntry>> saves = new ArrayList<>();
        for (AuditEntry entry : newestFirst) {
            List<AuditEntry> last = saves.isEmpty() ? null : saves.get(saves.size() - 1);
            if (last != null && last.get(0).at().equals(entry.at()) && Objects.equals(last.get(0).actor(), entry.actor())) {
                last.add(entry);
            } else {
                saves.add(new ArrayList<>(List.of(entry)));
            }
        }
        if (limited && saves.size() > 1) {
            saves.remove(saves.size() - 1);
        }
        return saves.stream().limit(maxGroups).map(AuditGroups::group).toList();
    }

    private static Map<String, Object> group(List<AuditEntry> save) {
        // rows of one save come back newest id first; show them in the order they were written
        List<AuditEntry> written = new ArrayList<>(save);
        java.util.Collections.reverse(written);
        Map<String, List<Map<String, String>>> bySubject = new LinkedHashMap<>();
        for (AuditEntry entry : written) {
            Map<String, String> change = new LinkedHashMap<>();
            change.put("field", entry.field());
            change.put("oldValue", entry.oldValue() == null ? "" : entry.oldValue());
            change.put("newValue", entry.newValue() == null ? "" : entry.newValue());
            bySubject.computeIfAbsent(entry.subject(), s -> new ArrayList<>()).add(change);
        }
        List<Map<String, Object>> subjects = new ArrayList<>();
        bySubject.forEach((subject, changes) -> subjects.add(Map.of("subject", subject, "changes", changes)));
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("at", PageBasics.time(save.get(0).at()));
        group.put("actor", save.get(0).actor());
        group.put("count", String.valueOf(save.size()));
        group.put("subjects", subjects);
        return group;
    }
}
