package org.mailconsole.web.pages;

import java.util.List;
import java.util.Map;
import org.mailconsole.model.filter.AddressFilter;
import org.mailconsole.model.filter.FilterDirection;

/** The account form's choice of system address filter: the filters grouped by direction. */
final class FilterOptions {
    private FilterOptions() {
    }

    static List<Map<String, Object>> of(List<AddressFilter> filters) {
        return List.of(group(FilterDirection.OUTBOUND, "Outbound filters (SMTP accounts)", filters),
                group(FilterDirection.INBOUND, "Inbound filters (POP3/IMAP accounts; do not act yet)", filters));
    }

    private static Map<String, Object> group(FilterDirection direction, String label, List<AddressFilter> filters) {
        return Map.of("direction", direction.code(), "label", label, "filters", filters.stream()
                .filter(f -> f.direction() == direction)
                .map(f -> Map.of("id", f.id().toString(), "label", f.name()
                        + (f.isDefault() ? " (default)" : "") + (f.active() ? "" : " (inactive)")))
                .toList());
    }
}
