package org.mailconsole.web.api;

import jakarta.servlet.ServletContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.mailconsole.console.diagnostics.DiagnosticsService;
import org.mailconsole.web.ConsoleContextListener;

/** GET /api/v1/diagnostics and POST /api/v1/diagnostics/check-connections. */
@Path("diagnostics")
@Produces(MediaType.APPLICATION_JSON)
public final class DiagnosticsResource {
    @Context
    private ServletContext servletContext;

    @GET
    public DiagnosticsJson get() {
        return DiagnosticsJson.of(service().diagnostics());
    }

    @POST
    @Path("check-connections")
    public DiagnosticsJson.ChecksJson checkConnections() {
        return new DiagnosticsJson.ChecksJson(service().checkConnections().stream().map(DiagnosticsJson.CheckJson::of)
                .toList());
    }

    private DiagnosticsService service() {
        return ConsoleContextListener.console(servletContext).diagnostics();
    }
}
