package org.mailconsole.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.ServletContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mailconsole.console.AddressFiltersService;
import org.mailconsole.console.ValidationException;
import org.mailconsole.model.FieldError;
import org.mailconsole.model.filter.AddressFilter;
import org.mailconsole.model.filter.FilterDirection;
import org.mailconsole.web.ConsoleContextListener;

/** /api/v1/address-filters: list, read, create, replace, delete, and "try an address" (check). */
@Path("address-filters")
@Produces(MediaType.APPLICATION_JSON)
public final class AddressFiltersResource {
    @Context
    private ServletContext servletContext;

    @Context
    private SecurityContext security;

    @Context
    private UriInfo uri;

    /** The answer of POST /address-filters/check; filterId and filterName are null when no filter applies. */
    public record CheckJson(boolean allowed, Long filterId, String filterName, Integer list, String reason) {
    }

    @GET
    public AddressFilterJson.ListOfFilters list() {
        return new AddressFilterJson.ListOfFilters(service().list().stream().map(AddressFilterJson::of).toList());
    }

    @GET
    @Path("{id}")
    public AddressFilterJson get(@PathParam("id") String id) {
        return AddressFilterJson.of(service().get(AccountsResource.id(id)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(JsonNode body) {
        AddressFilterRequest request = AddressFilterRequest.read(body);
        AddressFilter saved = service().create(request.input(), actor());
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(saved.id())).build())
                .entity(AddressFilterJson.of(saved)).build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public AddressFilterJson replace(@PathParam("id") String id, JsonNode body) {
        long filterId = AccountsResource.id(id);
        AddressFilterRequest request = AddressFilterRequest.read(body);
        return AddressFilterJson.of(service().update(filterId, Versions.required(request.version()), request.input(),
                actor()));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id, @QueryParam("version") String version) {
        long filterId = AccountsResource.id(id);
        long expected = Versions.expected(version, () -> service().get(filterId).version());
        service().delete(filterId, expected, actor());
        return Response.noContent().build();
    }

    @POST
    @Path("check")
    @Consumes(MediaType.APPLICATION_JSON)
    public CheckJson check(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new ValidationException(List.of(new FieldError("body",
                    "must be a JSON object {\"address\", \"direction\", \"filterId\"}")));
        }
        List<FieldError> errors = new ArrayList<>();
        body.fieldNames().forEachRemaining(name -> {
            if (!List.of("address", "direction", "filterId").contains(name)) {
                errors.add(new FieldError(name, "is not a field of this request (address, direction, filterId)"));
            }
        });
        String address = body.has("address") ? JsonValues.string(errors, "address", body.get("address")) : null;
        if (address == null && errors.stream().noneMatch(e -> e.field().equals("address"))) {
            errors.add(new FieldError("address", "is required"));
        }
        String directionText = body.has("direction")
                ? JsonValues.string(errors, "direction", body.get("direction")) : null;
        FilterDirection direction = FilterDirection.OUTBOUND;
        if (directionText != null) {
            try {
                direction = FilterDirection.valueOf(directionText.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("direction", "must be outbound or inbound"));
            }
        }
        Long filterId = body.has("filterId") ? JsonValues.wholeNumber(errors, "filterId", body.get("filterId")) : null;
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        AddressFiltersService.CheckResult result = service().check(address, direction, filterId);
        return new CheckJson(result.allowed(), result.filter() == null ? null : result.filter().id(),
                result.filter() == null ? null : result.filter().name(), result.listIndex(), result.reason());
    }

    private AddressFiltersService service() {
        return ConsoleContextListener.console(servletContext).addressFilters();
    }

    private String actor() {
        return security.getUserPrincipal().getName();
    }
}
