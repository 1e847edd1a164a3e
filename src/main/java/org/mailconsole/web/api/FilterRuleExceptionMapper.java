package org.mailconsole.web.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import org.mailconsole.console.AddressFilterRuleException;
import org.mailconsole.model.FieldError;
import org.mailconsole.web.Problem;

/** A broken filter rule (second default, duplicate name, deleting a filter an account names): 409. */
public final class FilterRuleExceptionMapper implements ExceptionMapper<AddressFilterRuleException> {
    @Override
    public Response toResponse(AddressFilterRuleException e) {
        return Problem.response(409, e.getMessage(), List.of(new FieldError(e.field(), e.getMessage())));
    }
}
