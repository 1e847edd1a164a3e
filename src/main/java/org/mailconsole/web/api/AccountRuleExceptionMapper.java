package org.mailconsole.web.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import org.mailconsole.console.AccountRuleException;
import org.mailconsole.model.FieldError;
import org.mailconsole.web.Problem;

/** A broken account rule (second active SMTP account, provisioned account, duplicate name): 409. */
public final class AccountRuleExceptionMapper implements ExceptionMapper<AccountRuleException> {
    @Override
    public Response toResponse(AccountRuleException e) {
        return Problem.response(409, e.getMessage(), List.of(new FieldError(e.field(), e.getMessage())));
    }
}
