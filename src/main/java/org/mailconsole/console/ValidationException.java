package org.mailconsole.console;

import java.util.List;
import org.mailconsole.model.FieldError;

/** Input that was refused, one message per bad field. Nothing was changed. */
public class ValidationException extends RuntimeException {
    private final List<FieldError> errors;

    public ValidationException(List<FieldError> errors) {
        super(errors.size() + " invalid field(s): " + errors.stream()
                .map(e -> e.field() + " " + e.message()).reduce((a, b) -> a + "; " + b).orElse(""));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
