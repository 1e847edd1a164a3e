package org.mailconsole.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.mailconsole.console.ValidationException;
import org.mailconsole.model.FieldError;

/**
 * The body of {@code POST /api/v1/accounts/{id}/make-active}: {@code version} (required) and
 * {@code replaces}, the id of the SMTP account the caller expects to deactivate ({@code null}: none is
 * active); without {@code replaces} whichever is active is deactivated.
 */
record MakeActiveRequest(long version, Long replaces, boolean replacesGiven) {
    static MakeActiveRequest read(JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        if (body == null || !body.isObject()) {
            throw new ValidationException(List.of(new FieldError("body", "must be a JSON object")));
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("version") && !name.equals("replaces")) {
                errors.add(new FieldError(name, "is not a field of this request"));
            }
        }
        JsonNode version = body.get("version");
        if (version == null || !version.canConvertToLong() || !version.isIntegralNumber()) {
            errors.add(new FieldError("version", "is required: the version you read with GET (a whole number)"));
        }
        JsonNode replaces = body.get("replaces");
        if (replaces != null && !replaces.isNull() && !(replaces.isIntegralNumber() && replaces.canConvertToLong())) {
            errors.add(new FieldError("replaces", "must be an account id or null"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new MakeActiveRequest(version.asLong(), replaces == null || replaces.isNull() ? null : replaces.asLong(),
                replaces != null);
    }
}
