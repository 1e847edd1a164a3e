package org.mailconsole.web.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.mailconsole.web.Problem;

/** Jersey's own refusals (404, 405, 406, 415...) as problem documents. */
public final class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String detail = switch (status) {
            case 404 -> "No such resource.";
            case 405 -> "This method is not allowed here.";
            case 406 -> "This resource answers in application/json only.";
            case 415 -> "Send the body as application/json.";
            default -> Response.Status.fromStatusCode(status) == null
                    ? "Request refused." : Response.Status.fromStatusCode(status).getReasonPhrase() + ".";
        };
        return Problem.response(status, detail);
    }
}
