package org.mailconsole.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.mailconsole.web.api.Problem;

/** Writes an application/problem+json answer from a filter (outside Jersey). */
final class ProblemWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProblemWriter() {
    }

    static void write(HttpServletResponse response, int status, String title, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        JSON.writeValue(response.getWriter(), new Problem(Problem.typeFor(status), title, status, detail, List.of()));
    }
}
