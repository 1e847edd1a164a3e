package org.mailconsole.web.api;

import jakarta.servlet.ServletContext;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Map;
import org.mailconsole.console.EmailLogService;
import org.mailconsole.model.emaillog.EmailEntry;
import org.mailconsole.web.ConsoleContextListener;

/** /api/v1/emails: the email log (list, search, one entry with its history) and Retry now / Cancel. */
@Path("emails")
@Produces(MediaType.APPLICATION_JSON)
public final class EmailsResource {
    static final String ADMIN_ROLE = "mail-admin";

    @Context
    private ServletContext servletContext;

    @Context
    private SecurityContext security;

    @GET
    public EmailJson.PageJson list(@QueryParam("mailbox") String mailbox, @QueryParam("q") String q,
                                   @QueryParam("page") String page, @QueryParam("size") String size) {
        EmailLogService log = service();
        return EmailJson.PageJson.of(log.list(log.query(mailbox, q, page, size)), log.paused().orElse(null));
    }

    /** Cancel all: every waiting Outbox message Skipped, except one being delivered right now. */
    @POST
    @Path("cancel-all")
    public Map<String, Integer> cancelAll(@QueryParam("mailbox") String mailbox) {
        requireAdmin();
        return Map.of("cancelled", service().cancelAll(mailbox, security.getUserPrincipal().getName()));
    }

    @GET
    @Path("{id}")
    public EmailJson get(@PathParam("id") String id) {
        long entryId = id(id);
        return json(entryId, service().get(entryId));
    }

    @POST
    @Path("{id}/retry")
    public EmailJson retry(@PathParam("id") String id) {
        requireAdmin();
        long entryId = id(id);
        return json(entryId, service().retry(entryId));
    }

    @POST
    @Path("{id}/cancel")
    public EmailJson cancel(@PathParam("id") String id) {
        requireAdmin();
        long entryId = id(id);
        return json(entryId, service().cancel(entryId, security.getUserPrincipal().getName()));
    }

    /** The container already refuses a viewer's POST; this keeps the rule if a mapping changes. */
    private void requireAdmin() {
        if (!security.isUserInRole(ADMIN_ROLE)) {
            throw new ForbiddenException("only " + ADMIN_ROLE + " may retry or cancel");
        }
    }

    private EmailJson json(long id, EmailEntry entry) {
        return EmailJson.of(entry, service().history(id), service().paused().orElse(null));
    }

    private EmailLogService service() {
        return ConsoleContextListener.console(servletContext).emailLog();
    }

    /** An id that is not a number is simply not an entry: 404. */
    private static long id(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new NotFoundException();
        }
    }
}
