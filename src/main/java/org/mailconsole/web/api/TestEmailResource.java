package org.mailconsole.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.ServletContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import org.mailconsole.console.AccountConnections;
import org.mailconsole.console.ValidationException;
import org.mailconsole.model.FieldError;
import org.mailconsole.web.ConsoleContextListener;

/** POST /api/v1/test-email {"to", "accountId"?}: sends one test email and shows the server's final reply. */
@Path("test-email")
@Produces(MediaType.APPLICATION_JSON)
public final class TestEmailResource {
    @Context
    private ServletContext servletContext;

    /** The answer; transcriptId links the kept transcript when the account logs debug transcripts. */
    public record ResultJson(boolean ok, String message, String reply, Long transcriptId) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public ResultJson send(JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        if (body == null || !body.isObject()) {
            throw new ValidationException(List.of(new FieldError("body", "must be a JSON object {\"to\": ...}")));
        }
        body.fieldNames().forEachRemaining(name -> {
            if (!name.equals("to") && !name.equals("accountId")) {
                errors.add(new FieldError(name, "is not a field of this request (expected to and accountId)"));
            }
        });
        JsonNode to = body.get("to");
        if (to != null && !to.isNull() && !to.isTextual()) {
            errors.add(new FieldError("to", "must be a string"));
        }
        Long accountId = body.has("accountId")
                ? JsonValues.wholeNumber(errors, "accountId", body.get("accountId")) : null;
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        AccountConnections.EmailOutcome outcome = ConsoleContextListener.console(servletContext).accountConnections()
                .sendTestEmail(accountId, to == null || to.isNull() ? null : to.textValue());
        return new ResultJson(outcome.result().ok(), outcome.result().message(), outcome.result().reply(),
                outcome.transcriptId());
    }
}
