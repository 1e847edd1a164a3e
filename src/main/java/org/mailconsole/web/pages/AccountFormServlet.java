package org.mailconsole.web.pages;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mailconsole.console.AccountConnections;
import org.mailconsole.console.MailConsole;
import org.mailconsole.console.ValidationException;
import org.mailconsole.model.EmailAccount;
import org.mailconsole.model.FieldError;
import org.mailconsole.console.AccountNotFoundException;
import org.mailconsole.console.AccountRuleException;
import org.mailconsole.console.StaleVersionException;
import org.mailconsole.web.ConsoleContextListener;

/**
 * The account form and its actions: /accounts/new, /accounts/{id} (GET shows, POST saves,
 * post/redirect/get), /accounts/{id}/test (Test Connection), /accounts/{id}/test-email,
 * /accounts/{id}/delete (GET asks, POST deletes), /accounts/{id}/make-active (GET names the account it
 * deactivates, POST switches) and /accounts/{id}/log (debug transcripts).
 */
public final class AccountFormServlet extends HttpServlet {
    private static final Pattern PATH = Pattern.compile("/(new|[0-9]{1,18})(?:/(test|test-email|delete|log|clear-log|make-active))?");

    private record Target(Long id, String action) {
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        Target target = target(request, response);
        if (target == null) {
            return;
        }
        try {
            if (target.id() == null) {
                if (!request.isUserInRole(PageBasics.ADMIN_ROLE)) {
                    response.sendError(HttpServletResponse.SC_FORBIDDEN, "Read-only access: you cannot add accounts.");
                    return;
                }
                if (!renderTested(request, response, null)) {
                    render(request, response, 200, null, Map.of(), List.of(), "", "");
                }
            } else if (target.action() == null) {
                if (renderTested(request, response, console().accounts().get(target.id()))) {
                    return;
                }
                String notice = request.getParameter("saved") != null ? "Saved."
                        : request.getParameter("activated") != null ? "This is now the active SMTP account." : "";
                render(request, response, 200, console().accounts().get(target.id()), Map.of(), List.of(), notice, "");
            } else if (target.action().equals("delete")) {
                Map<String, Object> model = PageBasics.model(request);
                EmailAccount account = console().accounts().get(target.id());
                model.put("id", account.id().toString());
                model.put("name", account.name());
                model.put("version", String.valueOf(account.version()));
                model.put("provisioned", account.isProvisioned());
                Templates.of(getServletContext()).render(response, 200, "account-delete.ftlh", model);
            } else if (target.action().equals("make-active")) {
                renderMakeActive(request, response, 200, console().accounts().get(target.id()), "");
            } else if ((target.action().equals("log") || target.action().equals("clear-log"))
                    && !request.isUserInRole(PageBasics.ADMIN_ROLE)) {
                // transcripts hold what was exchanged with the server (headers, replies): mail-admin only
                response.sendError(HttpServletResponse.SC_FORBIDDEN, "Debug transcripts are for mail-admin only.");
            } else if (target.action().equals("log")) {
                renderLog(request, response, console().accounts().get(target.id()));
            } else if (target.action().equals("clear-log")) {
                renderClearLog(request, response, console().accounts().get(target.id()));
            } else {
                response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            }
        } catch (AccountNotFoundException e) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "No such email account.");
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        request.setCharacterEncoding("UTF-8");
        Target target = target(request, response);
        if (target == null) {
            return;
        }
        try {
            if (target.id() == null && "test".equals(target.action())) {
                testForm(request, response, null);
            } else if (target.id() == null && target.action() == null) {
                save(request, response, null);
            } else if (target.action() == null) {
                save(request, response, console().accounts().get(target.id()));
            } else if (target.action().equals("delete")) {
                delete(request, response, console().accounts().get(target.id()));
            } else if (target.action().equals("make-active")) {
                makeActive(request, response, console().accounts().get(target.id()));
            } else if (target.action().equals("clear-log")) {
                clearLog(request, response, console().accounts().get(target.id()));
            } else if (target.action().equals("test")) {
                testForm(request, response, target.id());
            } else if (target.action().equals("test-email")) {
                EmailAccount account = console().accounts().get(target.id());
                Map<String, Object> model = formModel(request, account, Map.of(), List.of(), "", "");
                model.put("emailResult", TestEmailServlet.send(console(), target.id(), request.getParameter("to")));
                Templates.of(getServletContext()).render(response, 200, "account-form.ftlh", model);
            } else {
                response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            }
        } catch (AccountNotFoundException e) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "No such email account.");
        }
    }

    private void save(HttpServletRequest request, HttpServletResponse response, EmailAccount existing)
            throws IOException, ServletException {
        boolean provisioned = existing != null && existing.isProvisioned();
        AccountForm form = AccountForm.read(request, provisioned);
        Map<String, String> typed = provisioned ? Map.of() : form.typed();
        if (form.uploadProblem() != null) {
            render(request, response, 400, existing, typed, List.of(new FieldError("trustedCertificates",
                    form.uploadProblem())), "", "Nothing was saved: correct the fields marked below.");
            return;
        }
        EmailAccount saved;
        try {
            if (existing == null) {
                saved = console().accounts().create(form.input(), request.getRemoteUser());
            } else {
                if (form.version() == null) {
                    render(request, response, 400, existing, typed, List.of(), "",
                            "The form is incomplete (no version). Reload the page and try again.");
                    return;
                }
                saved = console().accounts().update(existing.id(), form.version(), form.input(), request.getRemoteUser());
            }
        } catch (ValidationException e) {
            render(request, response, 400, existing, typed, e.errors(), "",
                    "Nothing was saved: correct the fields marked below.");
            return;
        } catch (AccountRuleException e) {
            render(request, response, 409, existing, typed, List.of(new FieldError(e.field(), e.getMessage())), "",
                    "Nothing was saved: " + e.getMessage());
            return;
        } catch (StaleVersionException e) {
            render(request, response, 409, console().accounts().get(existing.id()), Map.of(), List.of(), "",
                    "Nothing was saved: " + e.getMessage() + ". The page now shows the current values.");
            return;
        }
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", request.getContextPath() + "/accounts/" + saved.id() + "?saved");
    }

    private void delete(HttpServletRequest request, HttpServletResponse response, EmailAccount account)
            throws IOException, ServletException {
        Long version = null;
        try {
            version = Long.valueOf(request.getParameter("version"));
        } catch (NumberFormatException e) {
            // refused below
        }
        try {
            if (version == null) {
                throw new StaleVersionException(-1, account.version());
            }
            console().accounts().delete(account.id(), version, request.getRemoteUser());
        } catch (AccountRuleException | StaleVersionException e) {
            render(request, response, 409, console().accounts().get(account.id()), Map.of(), List.of(), "",
                    "Not deleted: " + e.getMessage());
            return;
        }
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", request.getContextPath() + "/accounts?deleted");
    }

    /**
     * Test Connection of what the form holds (a form without fields: the saved account), nothing saved;
     * the result is shown on the form after a redirect, so a reload does not test again.
     */
    private void testForm(HttpServletRequest request, HttpServletResponse response, Long id)
            throws IOException, ServletException {
        EmailAccount existing = id == null ? null : console().accounts().get(id);
        boolean provisioned = existing != null && existing.isProvisioned();
        AccountForm form = AccountForm.read(request, provisioned);
        boolean formFields = request.getParameter("name") != null || request.getParameter("type") != null;
        Map<String, String> typed = provisioned || !formFields ? Map.of() : form.typed();
        if (form.uploadProblem() != null) {
            render(request, response, 400, existing, typed, List.of(new FieldError("trustedCertificates",
                    form.uploadProblem())), "", "Not tested: correct the fields marked below.");
            return;
        }
        AccountConnections.TestOutcome outcome;
        try {
            outcome = existing != null && (provisioned || !formFields) ? console().accountConnections().test(id)
                    : console().accountConnections().testForm(id, form.input());
        } catch (ValidationException e) {
            render(request, response, 400, existing, typed, e.errors(), "",
                    "Not tested: correct the fields marked below.");
            return;
        }
        Map<String, Object> result = new HashMap<>();
        result.put("ok", outcome.result().ok());
        result.put("message", outcome.result().message());
        result.put("elapsedMs", String.valueOf(outcome.result().elapsedMs()));
        result.put("transcriptId", outcome.transcriptId() == null ? "" : outcome.transcriptId().toString());
        result.put("unsaved", !typed.isEmpty());
        String key = TestResultFlash.put(request, typed, result);
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", request.getContextPath() + "/accounts/" + (id == null ? "new" : id)
                + "?tested=" + key + "#test-result");
    }

    /** The form with a kept Test Connection result ({@code ?tested=key}); false when there is none. */
    private boolean renderTested(HttpServletRequest request, HttpServletResponse response, EmailAccount account)
            throws IOException, ServletException {
        TestResultFlash.Entry tested = TestResultFlash.get(request, request.getParameter("tested"));
        if (tested == null) {
            return false;
        }
        Map<String, Object> model = formModel(request, account, tested.typed(), List.of(), "", "");
        model.put("testResult", tested.result());
        Templates.of(getServletContext()).render(response, 200, "account-form.ftlh", model);
        return true;
    }

    private void makeActive(HttpServletRequest request, HttpServletResponse response, EmailAccount account)
            throws IOException, ServletException {
        Long version = number(request.getParameter("version"));
        String replacesText = request.getParameter("replaces");
        Long replaces = replacesText == null || replacesText.isBlank() ? null : number(replacesText);
        try {
            if (version == null || (replaces == null && replacesText != null && !replacesText.isBlank())) {
                throw new StaleVersionException(-1, account.version());
            }
            console().accounts().makeActiveSmtp(account.id(), version, replaces, false, request.getRemoteUser());
        } catch (AccountRuleException | StaleVersionException e) {
            renderMakeActive(request, response, 409, console().accounts().get(account.id()),
                    "Not switched: " + e.getMessage() + ". The page now shows the current state.");
            return;
        }
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", request.getContextPath() + "/accounts/" + account.id() + "?activated");
    }

    private void renderMakeActive(HttpServletRequest request, HttpServletResponse response, int status,
                                  EmailAccount account, String error) throws IOException, ServletException {
        Map<String, Object> model = PageBasics.model(request);
        model.put("id", account.id().toString());
        model.put("name", account.name());
        model.put("version", String.valueOf(account.version()));
        model.put("smtp", account.type().outbound()); // SMTP or Microsoft Graph: both send
        model.put("alreadyActive", account.active());
        EmailAccount active = console().accounts().activeSmtp().filter(a -> !a.id().equals(account.id())).orElse(null);
        model.put("replacesId", active == null ? "" : active.id().toString());
        model.put("replacesName", active == null ? "" : active.name());
        model.put("error", error);
        Templates.of(getServletContext()).render(response, status, "account-make-active.ftlh", model);
    }

    private static Long number(String text) {
        try {
            return text == null ? null : Long.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void renderClearLog(HttpServletRequest request, HttpServletResponse response, EmailAccount account)
            throws IOException, ServletException {
        Map<String, Object> model = PageBasics.model(request);
        model.put("id", account.id().toString());
        model.put("name", account.name());
        model.put("count", String.valueOf(console().accountConnections().transcripts(account.id()).size()));
        Templates.of(getServletContext()).render(response, 200, "account-clear-log.ftlh", model);
    }

    private void clearLog(HttpServletRequest request, HttpServletResponse response, EmailAccount account)
            throws IOException {
        if (!request.isUserInRole(PageBasics.ADMIN_ROLE)) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "Read-only access: you cannot clear the debug log.");
            return;
        }
        int cleared = console().accountConnections().clearTranscripts(account.id(), request.getRemoteUser());
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", request.getContextPath() + "/accounts/" + account.id() + "/log?cleared=" + cleared);
    }

    private void renderLog(HttpServletRequest request, HttpServletResponse response, EmailAccount account)
            throws IOException, ServletException {
        Map<String, Object> model = PageBasics.model(request);
        String cleared = request.getParameter("cleared");
        if (cleared != null && cleared.matches("[0-9]{1,9}")) {
            model.put("notice", "Cleared: " + cleared + " transcript" + ("1".equals(cleared) ? " was" : "s were") + " deleted.");
        }
        model.put("id", account.id().toString());
        model.put("name", account.name());
        model.put("debugLogging", account.debugLogging());
        model.put("kept", String.valueOf(org.mailconsole.store.TranscriptStore.KEPT));
        model.put("transcripts", console().accountConnections().transcripts(account.id()).stream().map(t -> {
            Map<String, Object> row = new HashMap<>();
            row.put("id", String.valueOf(t.id()));
            row.put("at", PageBasics.time(t.at()));
            row.put("kind", t.kind());
            row.put("outcome", t.outcome());
            TranscriptOutcome mark = TranscriptOutcome.of(t.kind(), t.outcome());
            row.put("mark", mark.mark());
            row.put("markClass", mark.cssClass());
            row.put("markLabel", mark.label());
            row.put("text", t.text());
            return row;
        }).toList());
        Templates.of(getServletContext()).render(response, 200, "account-log.ftlh", model);
    }

    private void render(HttpServletRequest request, HttpServletResponse response, int status, EmailAccount account,
                        Map<String, String> typed, List<FieldError> errors, String notice, String error)
            throws IOException, ServletException {
        Templates.of(getServletContext()).render(response, status, "account-form.ftlh",
                formModel(request, account, typed, errors, notice, error));
    }

    private Map<String, Object> formModel(HttpServletRequest request, EmailAccount account, Map<String, String> typed,
                                          List<FieldError> errors, String notice, String error) {
        Map<String, Object> model = new HashMap<>(AccountFormPage.model(account, typed, errors));
        model.putAll(PageBasics.model(request));
        model.put("filterOptions", FilterOptions.of(console().addressFilters().list()));
        model.put("fallbackOptions", FallbackOptions.of(console().accounts().list(), account));
        model.put("notice", notice);
        model.put("error", error);
        return model;
    }

    private Target target(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        Matcher matcher = path == null ? null : PATH.matcher(path);
        if (matcher == null || !matcher.matches() || (matcher.group(1).equals("new") && matcher.group(2) != null && !matcher.group(2).equals("test"))) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "No such page.");
            return null;
        }
        return new Target(matcher.group(1).equals("new") ? null : Long.valueOf(matcher.group(1)), matcher.group(2));
    }

    private MailConsole console() {
        return ConsoleContextListener.console(getServletContext());
    }
}
