package org.mailconsole.web.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.mailconsole.console.EmailNotFoundException;
import org.mailconsole.web.Problem;

/** An unknown email log entry: 404. */
public final class EmailNotFoundExceptionMapper implements ExceptionMapper<EmailNotFoundException> {
    @Override
    public Response toResponse(EmailNotFoundException e) {
        return Problem.response(404, e.getMessage());
    }
}
