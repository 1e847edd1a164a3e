package org.mailconsole.web.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.mailconsole.store.emaillog.EmailStateConflictException;

/** Retry now or Cancel where the entry's state does not allow it: 409. */
public final class EmailStateConflictExceptionMapper implements ExceptionMapper<EmailStateConflictException> {
    @Override
    public Response toResponse(EmailStateConflictException e) {
        return Problem.response(409, e.getMessage());
    }
}
