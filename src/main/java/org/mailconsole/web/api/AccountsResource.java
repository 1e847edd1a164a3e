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
import org.mailconsole.console.AccountConnections;
import org.mailconsole.console.AccountsService;
import org.mailconsole.model.EmailAccount;
import org.mailconsole.web.ConsoleContextListener;

/** /api/v1/accounts: list, read, create, replace, delete, and Test Connection. */
@Path("accounts")
@Produces(MediaType.APPLICATION_JSON)
public final class AccountsResource {
    @Context
    private ServletContext servletContext;

    @Context
    private SecurityContext security;

    @Context
    private UriInfo uri;

    @GET
    public AccountJson.ListJson list() {
        return new AccountJson.ListJson(service().list().stream().map(AccountJson::of).toList());
    }

    @GET
    @Path("{id}")
    public AccountJson get(@PathParam("id") String id) {
        return AccountJson.of(service().get(id(id)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(JsonNode body) {
        AccountRequest request = AccountRequest.read(body);
        EmailAccount saved = service().create(request.input(), actor());
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(saved.id())).build())
                .entity(AccountJson.of(service().get(saved.id())))
                .build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public AccountJson replace(@PathParam("id") String id, JsonNode body) {
        long accountId = id(id);
        AccountRequest request = AccountRequest.read(body);
        service().update(accountId, Versions.required(request.version()), request.input(), actor());
        return AccountJson.of(service().get(accountId));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id, @QueryParam("version") String version) {
        long accountId = id(id);
        long expected = Versions.expected(version, () -> service().get(accountId).version());
        service().delete(accountId, expected, actor());
        return Response.noContent().build();
    }

    /** Makes this SMTP account the active one, deactivating the active one in the same transaction. */
    @POST
    @Path("{id}/make-active")
    @Consumes(MediaType.APPLICATION_JSON)
    public AccountJson makeActive(@PathParam("id") String id, JsonNode body) {
        long accountId = id(id);
        MakeActiveRequest request = MakeActiveRequest.read(body);
        service().makeActiveSmtp(accountId, request.version(), request.replaces(), !request.replacesGiven(), actor());
        return AccountJson.of(service().get(accountId));
    }

    @POST
    @Path("{id}/test")
    public TestResultJson test(@PathParam("id") String id) {
        AccountConnections.TestOutcome outcome = ConsoleContextListener.console(servletContext)
                .accountConnections().test(id(id));
        return TestResultJson.of(outcome);
    }

    @GET
    @Path("{id}/transcripts")
    public TranscriptJson.ListJson transcripts(@PathParam("id") String id) {
        if (!security.isUserInRole(EmailsResource.ADMIN_ROLE)) {
            // transcripts hold what was exchanged with the server (headers, replies): mail-admin only
            throw new jakarta.ws.rs.ForbiddenException("debug transcripts are for " + EmailsResource.ADMIN_ROLE + " only");
        }
        long accountId = id(id);
        service().get(accountId);
        return new TranscriptJson.ListJson(ConsoleContextListener.console(servletContext).accountConnections()
                .transcripts(accountId).stream().map(TranscriptJson::of).toList());
    }

    /** Clear the account's debug log: deletes its kept transcripts (mail-admin, as every change). */
    @DELETE
    @Path("{id}/transcripts")
    public Response clearTranscripts(@PathParam("id") String id) {
        long accountId = id(id);
        service().get(accountId);
        ConsoleContextListener.console(servletContext).accountConnections().clearTranscripts(accountId, actor());
        return Response.noContent().build();
    }

    private AccountsService service() {
        return ConsoleContextListener.console(servletContext).accounts();
    }

    private String actor() {
        return security.getUserPrincipal().getName();
    }

    /** An id that is not a number is simply not an account: 404. */
    static long id(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new jakarta.ws.rs.NotFoundException();
        }
    }
}
