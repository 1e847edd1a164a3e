package org.mailconsole.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mailconsole.console.ValidationException;
import org.mailconsole.model.FieldError;

/**
 * The body of PATCH /api/v1/properties, checked field by field so that every mistake
 * (unknown field, wrong type, missing version) gets its own message.
 */
record PropertiesPatch(long version, Map<String, String> values) {

    static PropertiesPatch read(JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        if (body == null || !body.isObject()) {
            throw new ValidationException(List.of(new FieldError("body",
                    "must be a JSON object {\"version\": n, \"values\": {...}}")));
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("version") && !name.equals("values")) {
                errors.add(new FieldError(name, "is not a field of this request (expected version and values)"));
            }
        }
        JsonNode versionNode = body.get("version");
        long version = 0;
        if (versionNode == null || versionNode.isNull()) {
            errors.add(new FieldError("version", "is required: the version you read with GET"));
        } else if (!versionNode.isIntegralNumber() || !versionNode.canConvertToLong()) {
            errors.add(new FieldError("version", "must be a whole number"));
        } else {
            version = versionNode.asLong();
        }
        Map<String, String> values = new LinkedHashMap<>();
        JsonNode valuesNode = body.get("values");
        if (valuesNode == null || !valuesNode.isObject()) {
            errors.add(new FieldError("values", "is required: an object of property name to string value"));
        } else {
            valuesNode.fields().forEachRemaining(entry -> {
                JsonNode value = entry.getValue();
                if (value.isNull()) {
                    values.put(entry.getKey(), null);
                } else if (value.isTextual()) {
                    values.put(entry.getKey(), value.textValue());
                } else {
                    errors.add(new FieldError(entry.getKey(), "must be a string (or null to reset), not "
                            + value.getNodeType().name().toLowerCase()));
                }
            });
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new PropertiesPatch(version, values);
    }
}
