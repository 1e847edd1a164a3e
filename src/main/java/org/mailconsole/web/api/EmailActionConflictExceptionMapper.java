package org.mailconsole.web.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.mailconsole.console.EmailActionConflictException;
import org.mailconsole.web.Problem;

/** Retry now or Cancel where the entry's state does not allow it: 409. */
public final class EmailActionConflictExceptionMapper implements ExceptionMapper<EmailActionConflictException> {
    @Override
    public Response toResponse(EmailActionConflictException e) {
        return Problem.response(409, e.getMessage());
    }
}
