package org.mailconsole.web.pages;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mailconsole.console.AddressFilterInput;
import org.mailconsole.model.FieldError;
import org.mailconsole.model.filter.AddressFilter;
import org.mailconsole.model.filter.AddressList;
import org.mailconsole.model.filter.FilterDirection;

/**
 * The filter form: what a POST carries (name, direction, active, isDefault and list blocks
 * {@code lists[i].type|domains|exceptions}, domains and exceptions one per line; a block whose
 * type is blank is dropped, so is the empty block for a new list), and the template model.
 */
final class AddressFilterForm {
    /** List blocks a form may carry; one more than the stored lists is shown, for a new list. */
    static final int MAX_BLOCKS = 51;

    private AddressFilterForm() {
    }

    static AddressFilterInput read(HttpServletRequest request) {
        List<AddressFilterInput.ListInput> lists = new ArrayList<>();
        for (int i = 0; i < MAX_BLOCKS; i++) {
            String type = request.getParameter("lists[" + i + "].type");
            if (type == null) {
                break;
            }
            List<String> domains = lines(request.getParameter("lists[" + i + "].domains"));
            List<String> exceptions = lines(request.getParameter("lists[" + i + "].exceptions"));
            if (type.isBlank()) {
                continue; // removed, or the unused block for a new list
            }
            lists.add(new AddressFilterInput.ListInput(type, domains, exceptions));
        }
        return new AddressFilterInput(request.getParameter("name"), request.getParameter("direction"),
                checked(request, "active"), checked(request, "isDefault"), lists);
    }

    /** A check box sent with a hidden "false" before it: checked when any value is "true". */
    private static boolean checked(HttpServletRequest request, String field) {
        String[] values = request.getParameterValues(field);
        return values != null && Arrays.asList(values).contains("true");
    }

    static Long version(HttpServletRequest request) {
        try {
            return Long.valueOf(request.getParameter("version"));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static List<String> lines(String text) {
        if (text == null) {
            return List.of();
        }
        return Arrays.stream(text.split("\\R")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * @param filter the stored filter, or null for a new one
     * @param typed  what the admin posted (after a refused save), else null
     */
    static Map<String, Object> model(AddressFilter filter, AddressFilterInput typed, List<FieldError> errors) {
        Map<String, Object> model = new HashMap<>();
        AddressFilterInput shown = typed != null ? typed : filter != null ? input(filter) : new AddressFilterInput("",
                "outbound", true, false, List.of());
        model.put("isNew", filter == null);
        model.put("id", filter == null ? "" : filter.id().toString());
        model.put("version", filter == null ? "0" : String.valueOf(filter.version()));
        model.put("title", filter == null ? "New system address filter" : filter.name());
        model.put("name", shown.name() == null ? "" : shown.name());
        model.put("direction", shown.direction() == null ? "outbound" : shown.direction().toLowerCase(java.util.Locale.ROOT));
        model.put("active", Boolean.TRUE.equals(shown.active()));
        model.put("isDefault", Boolean.TRUE.equals(shown.isDefault()));
        Map<String, String> errorByField = new java.util.LinkedHashMap<>(); // the validator's order
        for (FieldError e : errors) {
            // lists[0].domains[2] is shown at lists[0].domains
            String field = e.field().replaceFirst("^(lists\\[\\d+]\\.(?:domains|exceptions))\\[\\d+]$", "$1");
            errorByField.merge(field, e.message(), (a, b) -> a + "; " + b);
        }
        model.put("errors", errorByField);
        List<Map<String, String>> blocks = new ArrayList<>();
        for (AddressFilterInput.ListInput list : shown.lists()) {
            blocks.add(block(list.type(), list.domains(), list.exceptions()));
        }
        if (blocks.size() < MAX_BLOCKS) {
            blocks.add(block("", List.of(), List.of()));
        }
        model.put("blocks", blocks);
        model.put("checkResult", "");
        model.put("namedBy", List.of());
        return model;
    }

    private static Map<String, String> block(String type, List<String> domains, List<String> exceptions) {
        Map<String, String> block = new HashMap<>();
        block.put("type", type == null ? "" : type.toLowerCase(java.util.Locale.ROOT));
        block.put("domains", String.join("\n", domains.stream().map(d -> d == null ? "" : d).toList()));
        block.put("exceptions", String.join("\n", exceptions.stream().map(d -> d == null ? "" : d).toList()));
        return block;
    }

    private static AddressFilterInput input(AddressFilter f) {
        return new AddressFilterInput(f.name(), f.direction().code(), f.active(), f.isDefault(), f.lists().stream()
                .map(l -> new AddressFilterInput.ListInput(l.type().code(), l.domains(), l.exceptions())).toList());
    }

    /** A filter as a row of the list page. */
    static Map<String, Object> row(AddressFilter f) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", f.id().toString());
        row.put("name", f.name());
        row.put("direction", f.direction().label());
        row.put("active", f.active());
        row.put("isDefault", f.isDefault());
        row.put("lists", String.join("; ", f.lists().stream().map(AddressList::describe).toList()));
        row.put("acts", f.direction() == FilterDirection.OUTBOUND);
        return row;
    }
}
