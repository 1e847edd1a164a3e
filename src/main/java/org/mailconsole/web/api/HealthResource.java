package org.mailconsole.web.api;

import jakarta.servlet.ServletContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.mailconsole.console.HealthService;
import org.mailconsole.console.diagnostics.HealthStatus;
import org.mailconsole.web.ConsoleContextListener;

/** GET /api/v1/health: 200 when every check is up, else 503. */
@Path("health")
@Produces(MediaType.APPLICATION_JSON)
public final class HealthResource {
    @Context
    private ServletContext servletContext;

    @GET
    public Response get() {
        HealthService.Health health = ConsoleContextListener.console(servletContext).health().check();
        return Response.status(health.status() == HealthStatus.UP ? 200 : 503).entity(health).build();
    }
}
