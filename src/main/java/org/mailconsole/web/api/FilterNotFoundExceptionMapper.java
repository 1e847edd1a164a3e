package org.mailconsole.web.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.mailconsole.store.FilterNotFoundException;
import org.mailconsole.web.Problem;

/** An unknown filter id: 404. */
public final class FilterNotFoundExceptionMapper implements ExceptionMapper<FilterNotFoundException> {
    @Override
    public Response toResponse(FilterNotFoundException e) {
        return Problem.response(404, e.getMessage());
    }
}
