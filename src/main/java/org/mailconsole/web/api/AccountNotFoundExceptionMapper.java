package org.mailconsole.web.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.mailconsole.console.AccountNotFoundException;
import org.mailconsole.web.Problem;

/** An unknown account id: 404. */
public final class AccountNotFoundExceptionMapper implements ExceptionMapper<AccountNotFoundException> {
    @Override
    public Response toResponse(AccountNotFoundException e) {
        return Problem.response(404, e.getMessage());
    }
}
