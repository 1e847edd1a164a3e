package org.mailconsole.web.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.mailconsole.console.AddressFilterNotFoundException;
import org.mailconsole.web.Problem;

/** An unknown filter id: 404. */
public final class FilterNotFoundExceptionMapper implements ExceptionMapper<AddressFilterNotFoundException> {
    @Override
    public Response toResponse(AddressFilterNotFoundException e) {
        return Problem.response(404, e.getMessage());
    }
}
