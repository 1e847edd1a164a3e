package org.mailconsole.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.mailconsole.console.AddressFilterInput;
import org.mailconsole.console.ValidationException;
import org.mailconsole.model.FieldError;

/**
 * The body of POST and PUT /api/v1/address-filters, read member by member so that every mistake
 * (an unknown member, a wrong type) gets its own message. {@code id} is accepted and ignored, so a
 * client may send back what it read.
 */
record AddressFilterRequest(Long version, AddressFilterInput input) {

    static AddressFilterRequest read(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new ValidationException(List.of(new FieldError("body", "must be a JSON object (a filter)")));
        }
        List<FieldError> errors = new ArrayList<>();
        String name = null;
        String direction = null;
        Boolean active = null;
        Boolean isDefault = null;
        Long version = null;
        List<AddressFilterInput.ListInput> lists = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            JsonNode value = member.getValue();
            switch (member.getKey()) {
                case "name" -> name = JsonValues.string(errors, "name", value);
                case "direction" -> direction = JsonValues.string(errors, "direction", value);
                case "active" -> active = JsonValues.bool(errors, "active", value);
                case "isDefault" -> isDefault = JsonValues.bool(errors, "isDefault", value);
                case "id" -> {
                    // read-only: ignored
                }
                case "version" -> version = JsonValues.wholeNumber(errors, "version", value);
                case "lists" -> lists(errors, value, lists);
                default -> errors.add(new FieldError(member.getKey(), "is not a field of a system address filter"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new AddressFilterRequest(version, new AddressFilterInput(name, direction, active, isDefault, lists));
    }

    private static void lists(List<FieldError> errors, JsonNode value, List<AddressFilterInput.ListInput> lists) {
        if (value.isNull()) {
            return;
        }
        if (!value.isArray()) {
            errors.add(new FieldError("lists", "must be an array of {type, domains, exceptions}"));
            return;
        }
        for (int i = 0; i < value.size(); i++) {
            JsonNode list = value.get(i);
            String field = "lists[" + i + "]";
            if (!list.isObject()) {
                errors.add(new FieldError(field, "must be an object {type, domains, exceptions}"));
                continue;
            }
            String type = null;
            List<String> domains = List.of();
            List<String> exceptions = List.of();
            for (Iterator<Map.Entry<String, JsonNode>> it = list.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> member = it.next();
                switch (member.getKey()) {
                    case "type" -> type = JsonValues.string(errors, field + ".type", member.getValue());
                    case "domains" -> domains = strings(errors, field + ".domains", member.getValue());
                    case "exceptions" -> exceptions = strings(errors, field + ".exceptions", member.getValue());
                    default -> errors.add(new FieldError(field + "." + member.getKey(),
                            "is not a field of an address list (type, domains, exceptions)"));
                }
            }
            lists.add(new AddressFilterInput.ListInput(type, domains, exceptions));
        }
    }

    private static List<String> strings(List<FieldError> errors, String field, JsonNode value) {
        if (value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            errors.add(new FieldError(field, "must be an array of strings"));
            return List.of();
        }
        List<String> strings = new ArrayList<>();
        for (int j = 0; j < value.size(); j++) {
            JsonNode item = value.get(j);
            if (item.isTextual()) {
                strings.add(item.textValue());
            } else {
                errors.add(new FieldError(field + "[" + j + "]", "must be a string, not " + JsonValues.kind(item)));
            }
        }
        return strings;
    }
}
