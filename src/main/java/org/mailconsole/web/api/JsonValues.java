package org.mailconsole.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.mailconsole.model.FieldError;

/**
 * How the request bodies read one member's value: null stays null, a value of the wrong type adds
 * its own error and reads as null, so a body's every mistake is told at once.
 */
final class JsonValues {
    private JsonValues() {
    }

    static String string(List<FieldError> errors, String field, JsonNode value) {
        return read(errors, field, value, value.isTextual(), "must be a string, not " + kind(value),
                JsonNode::textValue);
    }

    static Boolean bool(List<FieldError> errors, String field, JsonNode value) {
        return read(errors, field, value, value.isBoolean(), "must be true or false, not " + kind(value),
                JsonNode::booleanValue);
    }

    /** A version or an id: a JSON integer that fits a long (not a string of digits). */
    static Long wholeNumber(List<FieldError> errors, String field, JsonNode value) {
        return read(errors, field, value, value.isIntegralNumber() && value.canConvertToLong(),
                "must be a whole number", JsonNode::asLong);
    }

    /** The JSON type of a value as the error messages name it ("number", "object", ...). */
    static String kind(JsonNode value) {
        return value.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static <T> T read(List<FieldError> errors, String field, JsonNode value, boolean fits, String rule,
                              Function<JsonNode, T> read) {
        if (value.isNull()) {
            return null;
        }
        if (!fits) {
            errors.add(new FieldError(field, rule));
            return null;
        }
        return read.apply(value);
    }
}
