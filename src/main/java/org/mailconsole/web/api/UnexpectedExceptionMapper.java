package org.mailconsole.web.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.mailconsole.web.Problem;

/** Anything else is our fault: 500, logged by class and message only, no details to the client. */
public final class UnexpectedExceptionMapper implements ExceptionMapper<RuntimeException> {
    private static final System.Logger LOG = System.getLogger(UnexpectedExceptionMapper.class.getName());

    @Override
    public Response toResponse(RuntimeException e) {
        LOG.log(System.Logger.Level.ERROR, "API request failed", e);
        return Problem.response(500, "The server failed to handle the request; see the server log.");
    }
}
