package org.mailconsole.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.ServletContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.mailconsole.console.PropertiesService;
import org.mailconsole.web.ConsoleContextListener;

/** GET and PATCH /api/v1/properties. */
@Path("properties")
@Produces(MediaType.APPLICATION_JSON)
public final class PropertiesResource {
    @Context
    private ServletContext servletContext;

    @Context
    private SecurityContext security;

    @GET
    public PropertiesJson get() {
        return PropertiesJson.of(service().document());
    }

    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    public PropertiesJson patch(JsonNode body) {
        PropertiesPatch patch = PropertiesPatch.read(body);
        String actor = security.getUserPrincipal().getName();
        return PropertiesJson.of(service().update(patch.version(), patch.values(), actor));
    }

    private PropertiesService service() {
        return ConsoleContextListener.console(servletContext).properties();
    }
}
