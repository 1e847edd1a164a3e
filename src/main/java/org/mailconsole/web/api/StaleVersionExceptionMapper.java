package org.mailconsole.web.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.mailconsole.console.StaleVersionException;
import org.mailconsole.web.Problem;

/** A save based on an old version: 409, nothing overwritten. */
public final class StaleVersionExceptionMapper implements ExceptionMapper<StaleVersionException> {
    @Override
    public Response toResponse(StaleVersionException e) {
        return Problem.response(409, e.getMessage());
    }
}
