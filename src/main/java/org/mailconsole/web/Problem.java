package org.mailconsole.web;

import jakarta.ws.rs.core.Response;
import java.util.List;
import org.mailconsole.model.FieldError;

/** An RFC 9457 problem document, the body of every API error. */
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {
    public static final String MEDIA_TYPE = "application/problem+json";

    public static String typeFor(int status) {
        return switch (status) {
            case 400 -> "urn:mail-console:problem:invalid-request";
            case 403 -> "urn:mail-console:problem:forbidden";
            case 404 -> "urn:mail-console:problem:not-found";
            case 409 -> "urn:mail-console:problem:conflict";
            default -> "about:blank";
        };
    }

    public static Response response(int status, String detail, List<FieldError> errors) {
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type != null ? type.getReasonPhrase() : "Error";
        return Response.status(status)
                .type(MEDIA_TYPE)
                .entity(new Problem(typeFor(status), title, status, detail, List.copyOf(errors)))
                .build();
    }

    public static Response response(int status, String detail) {
        return response(status, detail, List.of());
    }
}
