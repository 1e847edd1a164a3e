package org.mailconsole.web.pages;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mailconsole.console.MailConsole;
import org.mailconsole.console.PropertiesDocument;
import org.mailconsole.console.ValidationException;
import org.mailconsole.model.FieldError;
import org.mailconsole.console.StaleVersionException;
import org.mailconsole.web.ConsoleContextListener;

/** System Properties > Email: GET shows the form, POST saves it (post/redirect/get). */
public final class PropertiesPageServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        String notice = request.getParameter("saved") != null ? "Saved." : "";
        render(request, response, 200, console().properties().document(), Map.of(), List.of(), notice, "");
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        request.setCharacterEncoding("UTF-8");
        PropertiesForm form = PropertiesForm.read(request);
        MailConsole console = console();
        if (form.version() == null) {
            render(request, response, 400, console.properties().document(), form.typed(), List.of(), "",
                    "The form is incomplete (no version). Reload the page and try again.");
            return;
        }
        try {
            console.properties().update(form.version(), form.changes(), request.getRemoteUser());
        } catch (ValidationException e) {
            render(request, response, 400, console.properties().document(), form.typed(), e.errors(), "",
                    "Nothing was saved: correct the fields marked below.");
            return;
        } catch (StaleVersionException e) {
            render(request, response, 409, console.properties().document(), Map.of(), List.of(), "",
                    "Nothing was saved: " + e.getMessage() + ". The page now shows the current values.");
            return;
        }
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", request.getContextPath() + "/properties/email?saved");
    }

    private void render(HttpServletRequest request, HttpServletResponse response, int status,
                        PropertiesDocument document, Map<String, String> typed, List<FieldError> errors,
                        String notice, String error) throws IOException, ServletException {
        Map<String, Object> model = new HashMap<>(
                PropertiesPage.model(document, typed, errors, console().recentChanges(PropertiesPage.RECENT_ROWS)));
        model.putAll(PageBasics.model(request));
        model.put("notice", notice);
        model.put("error", error);
        model.putAll(OutgoingInEffect.model(console().accounts().list(), console().accounts().activeSmtp()));
        Templates.of(getServletContext()).render(response, status, "properties-email.ftlh", model);
    }

    private MailConsole console() {
        return ConsoleContextListener.console(getServletContext());
    }
}
