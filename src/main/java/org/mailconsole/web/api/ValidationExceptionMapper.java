package org.mailconsole.web.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.mailconsole.console.ValidationException;
import org.mailconsole.web.Problem;

/** Refused input: 400 with one entry per bad field. */
public final class ValidationExceptionMapper implements ExceptionMapper<ValidationException> {
    @Override
    public Response toResponse(ValidationException e) {
        return Problem.response(400, "The request has invalid fields; nothing was changed.", e.errors());
    }
}
