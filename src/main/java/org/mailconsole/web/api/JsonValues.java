package org.mailconsole.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import org.mailconsole.model.FieldError;

/**
 * How the request bodies read one member's value: null stays null, a value of the wrong type adds
 * its own error (naming what was sent) and reads as null, so a body's every mistake is told at once.
 */
final class JsonValues {
    private JsonValues() {
    }

    static String string(List<FieldError> errors, String field, JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            errors.add(new FieldError(field, "must be a string, not " + kind(value)));
            return null;
        }
        return value.textValue();
    }

    static Boolean bool(List<FieldError> errors, String field, JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            errors.add(new FieldError(field, "must be true or false, not " + kind(value)));
            return null;
        }
        return value.booleanValue();
    }

    /** A version or an id: a JSON integer that fits a long (not a string of digits). */
    static Long wholeNumber(List<FieldError> errors, String field, JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            errors.add(new FieldError(field, "must be a whole number"));
            return null;
        }
        return value.asLong();
    }

    /** The JSON type of a value as the error messages name it ("number", "object", ...). */
    static String kind(JsonNode value) {
        return value.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
