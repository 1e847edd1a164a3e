package org.mailconsole.web.pages;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mailconsole.console.AddressFilterInput;
import org.mailconsole.console.AddressFilterNotFoundException;
import org.mailconsole.console.AddressFilterRuleException;
import org.mailconsole.console.AddressFiltersService;
import org.mailconsole.console.StaleVersionException;
import org.mailconsole.console.ValidationException;
import org.mailconsole.model.FieldError;
import org.mailconsole.model.filter.AddressFilter;
import org.mailconsole.model.filter.FilterDirection;
import org.mailconsole.web.ConsoleContextListener;

/**
 * System address filters: the list (/address-filters, with "try an address" against the filter in
 * effect: POST /address-filters/check), the form (/address-filters/new, /address-filters/{id}: GET
 * shows, POST saves, post/redirect/get), POST /address-filters/{id}/check (try an address against
 * this filter) and POST /address-filters/{id}/delete.
 */
public final class AddressFiltersServlet extends HttpServlet {
    private static final Pattern PATH = Pattern.compile("/(new|check|[0-9]{1,18})(?:/(check|delete))?");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        String path = request.getPathInfo();
        if (path == null || path.equals("/")) {
            renderList(request, response, 200, "", Map.of());
            return;
        }
        Matcher m = PATH.matcher(path);
        if (!m.matches() || m.group(2) != null || m.group(1).equals("check")) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "No such page.");
            return;
        }
        try {
            AddressFilter filter = m.group(1).equals("new") ? null : service().get(Long.parseLong(m.group(1)));
            renderForm(request, response, 200, filter, null, List.of(),
                    request.getParameter("saved") != null ? "Saved." : "", "");
        } catch (AddressFilterNotFoundException e) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "No such system address filter.");
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        request.setCharacterEncoding("UTF-8");
        String path = request.getPathInfo();
        Matcher m = path == null ? null : PATH.matcher(path);
        if (m == null || !m.matches() || (!m.group(1).matches("[0-9]+") && m.group(2) != null)) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "No such page.");
            return;
        }
        try {
            if (m.group(1).equals("check")) {
                checkInEffect(request, response);
            } else if (m.group(1).equals("new")) {
                save(request, response, null);
            } else {
                AddressFilter filter = service().get(Long.parseLong(m.group(1)));
                if (m.group(2) == null) {
                    save(request, response, filter);
                } else if (m.group(2).equals("check")) {
                    String address = request.getParameter("address");
                    AddressFiltersService.CheckResult result = service().check(address == null ? "" : address,
                            filter.direction(), filter.id());
                    Map<String, Object> model = formModel(request, filter, null, List.of(), "", "");
                    model.put("checkResult", result(address, result));
                    Templates.of(getServletContext()).render(response, 200, "address-filter-form.ftlh", model);
                } else {
                    delete(request, response, filter);
                }
            }
        } catch (AddressFilterNotFoundException e) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "No such system address filter.");
        }
    }

    private void save(HttpServletRequest request, HttpServletResponse response, AddressFilter existing)
            throws IOException, ServletException {
        AddressFilterInput input = AddressFilterForm.read(request);
        AddressFilter saved;
        try {
            if (existing == null) {
                saved = service().create(input, request.getRemoteUser());
            } else {
                Long version = AddressFilterForm.version(request);
                if (version == null) {
                    renderForm(request, response, 400, existing, input, List.of(), "",
                            "The form is incomplete (no version). Reload the page and try again.");
                    return;
                }
                saved = service().update(existing.id(), version, input, request.getRemoteUser());
            }
        } catch (ValidationException e) {
            renderForm(request, response, 400, existing, input, e.errors(), "",
                    "Nothing was saved: correct the fields marked below.");
            return;
        } catch (AddressFilterRuleException e) {
            renderForm(request, response, 409, existing, input, List.of(new FieldError(e.field(), e.getMessage())), "",
                    "Nothing was saved: " + e.getMessage());
            return;
        } catch (StaleVersionException e) {
            renderForm(request, response, 409, service().get(existing.id()), null, List.of(), "",
                    "Nothing was saved: " + e.getMessage() + ". The page now shows the current values.");
            return;
        }
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", request.getContextPath() + "/address-filters/" + saved.id() + "?saved");
    }

    private void delete(HttpServletRequest request, HttpServletResponse response, AddressFilter filter)
            throws IOException, ServletException {
        Long version = AddressFilterForm.version(request);
        try {
            service().delete(filter.id(), version == null ? -1 : version, request.getRemoteUser());
        } catch (AddressFilterRuleException | StaleVersionException e) {
            renderForm(request, response, 409, service().get(filter.id()), null, List.of(), "",
                    "Not deleted: " + e.getMessage());
            return;
        }
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", request.getContextPath() + "/address-filters?deleted");
    }

    private void checkInEffect(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        String address = request.getParameter("address");
        String directionText = request.getParameter("direction");
        FilterDirection direction = "inbound".equalsIgnoreCase(directionText) ? FilterDirection.INBOUND
                : FilterDirection.OUTBOUND;
        AddressFiltersService.CheckResult result = service().check(address == null ? "" : address, direction, null);
        Map<String, Object> check = result(address, result);
        check.put("direction", direction.code());
        renderList(request, response, 200, "", check);
    }

    private static Map<String, Object> result(String address, AddressFiltersService.CheckResult result) {
        Map<String, Object> check = new HashMap<>();
        check.put("address", address == null ? "" : address);
        check.put("allowed", result.allowed());
        check.put("reason", result.reason());
        check.put("filterName", result.filter() == null ? "" : result.filter().name());
        check.put("list", result.listIndex() == null ? "" : result.listIndex().toString());
        return check;
    }

    private void renderList(HttpServletRequest request, HttpServletResponse response, int status, String notice,
                            Map<String, Object> check) throws IOException, ServletException {
        Map<String, Object> model = new HashMap<>(PageBasics.model(request));
        model.put("filters", service().list().stream().map(AddressFilterForm::row).toList());
        model.put("notice", request.getParameter("deleted") != null ? "The filter was deleted." : notice);
        model.put("checkResult", check.isEmpty() ? "" : check);
        model.put("checkDirection", check.isEmpty() ? "outbound" : check.get("direction"));
        Templates.of(getServletContext()).render(response, status, "address-filters-list.ftlh", model);
    }

    private void renderForm(HttpServletRequest request, HttpServletResponse response, int status, AddressFilter filter,
                            AddressFilterInput typed, List<FieldError> errors, String notice, String error)
            throws IOException, ServletException {
        Templates.of(getServletContext()).render(response, status, "address-filter-form.ftlh",
                formModel(request, filter, typed, errors, notice, error));
    }

    private Map<String, Object> formModel(HttpServletRequest request, AddressFilter filter, AddressFilterInput typed,
                                          List<FieldError> errors, String notice, String error) {
        Map<String, Object> model = new HashMap<>(AddressFilterForm.model(filter, typed, errors));
        model.putAll(PageBasics.model(request));
        model.put("notice", notice);
        model.put("error", error);
        model.put("namedBy", filter == null ? List.of() : service().namedBy(filter.id()));
        model.put("inbound", "inbound".equals(String.valueOf(model.get("direction")).toLowerCase(Locale.ROOT)));
        return model;
    }

    private AddressFiltersService service() {
        return ConsoleContextListener.console(getServletContext()).addressFilters();
    }
}
