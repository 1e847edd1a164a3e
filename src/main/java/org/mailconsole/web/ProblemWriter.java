package org.mailconsole.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;

/** Writes an application/problem+json answer from a filter (outside Jersey). */
public final class ProblemWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProblemWriter() {
    }

    public static void write(HttpServletResponse response, int status, String title, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        JSON.writeValue(response.getWriter(), new Problem(Problem.typeFor(status), title, status, detail, List.of()));
    }

    /** The reason phrase of a status, e.g. "Not Found". */
    public static String title(int status) {
        jakarta.ws.rs.core.Response.StatusType type = jakarta.ws.rs.core.Response.Status.fromStatusCode(status);
        return type != null ? type.getReasonPhrase() : status == 413 ? "Content Too Large" : "Error";
    }
}
