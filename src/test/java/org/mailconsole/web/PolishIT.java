package org.mailconsole.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mailconsole.testing.ConsoleClient;
import org.mailconsole.testing.RunningConsole;
import org.mailconsole.testing.ScriptedSmtp;

/**
 * Issue 11 items 9 and 10 on the real WAR: the accounts list's columns and search, Recent changes one
 * group per save, the debug log's marks and Clear (form and API), read-only views as text, 404 pages in
 * the console's layout; no secret in any of these pages.
 */
class PolishIT {
    static final String CANARY = "polish-canary-pw-7731";

    @RegisterExtension
    static final RunningConsole console = new RunningConsole();
    static ScriptedSmtp smtp;
    static ConsoleClient admin;
    static ConsoleClient viewer;

    @BeforeAll
    static void start() throws Exception {
        smtp = ScriptedSmtp.start();
        admin = console.admin();
        viewer = console.server().viewer();
    }

    @AfterAll
    static void stop() throws Exception {
        smtp.close();
    }

    static long account(String name, String server, int port, String user, boolean debugLogging) {
        ObjectNode body = ConsoleClient.JSON.createObjectNode();
        body.put("name", name);
        body.put("type", "smtp");
        body.put("server", server);
        body.put("port", port);
        body.put("security", "none");
        if (user == null) {
            body.put("authentication", "none");
        } else {
            body.put("authentication", "password");
            body.put("userName", user);
            body.put("password", CANARY);
        }
        body.put("active", false);
        body.put("debugLogging", debugLogging);
        HttpResponse<String> created = admin.postJson("/api/v1/accounts", body.toString());
        assertEquals(201, created.statusCode(), created.body());
        return admin.json(created).get("id").asLong();
    }

    static int count(String html, String needle) {
        return html.split(Pattern.quote(needle), -1).length - 1;
    }

    @Test
    void theAccountsListShowsAuthenticationAndUserAndSearchesWithoutScript() {
        account("Billing relay", "relay.billing.example", 587, "billing-bot@corp.example", false);
        account("Plain sink", "sink.internal.example", 25, null, false);

        String all = admin.get("/accounts").body();
        assertTrue(all.contains(">Authentication") && all.contains(">User"), "the two new columns: " + all);
        assertTrue(all.contains("<td data-label=\"Authentication\">Password</td>"), all);
        assertTrue(all.contains("<td data-label=\"User\" class=\"user-name\">billing-bot@corp.example</td>"), all);
        assertTrue(all.contains("id=\"account-search\""), "a search box");
        assertFalse(all.contains(CANARY));

        String byUser = admin.get("/accounts?q=BILLING-BOT").body();
        assertTrue(byUser.contains("Billing relay") && !byUser.contains("Plain sink") && !byUser.contains("Default SMTP</a>"), byUser);
        String byServer = admin.get("/accounts?q=sink.internal").body();
        assertTrue(byServer.contains("Plain sink") && !byServer.contains("Billing relay"), byServer);
        String byName = admin.get("/accounts?q=default").body();
        assertTrue(byName.contains("Default SMTP") && byName.contains("Default POP3") && !byName.contains("Plain sink"), byName);
        String none = admin.get("/accounts?q=nothing-like-this").body();
        assertTrue(none.contains("No accounts match &ldquo;nothing-like-this&rdquo;."), none);
        // the search is kept in the sort links and the box; with another filter it narrows further
        assertTrue(byServer.contains("value=\"sink.internal\""), byServer);
        assertTrue(byServer.contains("&amp;q=sink.internal\""), byServer);
        String smtpOnly = admin.get("/accounts?q=default&type=pop3").body();
        assertTrue(smtpOnly.contains("Default POP3") && !smtpOnly.contains("Default SMTP</a>"), smtpOnly);
        assertTrue(viewer.get("/accounts?q=billing").body().contains("Billing relay"), "a viewer searches too");
    }

    @Test
    void recentChangesShowOneGroupPerSave() {
        Map<String, String> first = new java.util.LinkedHashMap<>();
        first.put("glide.email.server", "group-one.example.com");
        first.put("glide.smtp.port", "2526");
        patch(first);
        patch(Map.of("glide.email.server", "group-two.example.com"));

        String page = admin.get("/properties/email").body();
        Matcher groups = Pattern.compile("<li class=\"audit-group\" id=\"save-([0-9]+)\">(.*?)</ul>\\s*</li>", Pattern.DOTALL)
                .matcher(page);
        assertTrue(groups.find(), page);
        String newest = groups.group(2);
        assertTrue(newest.contains("group-two.example.com") && newest.contains("1 change<"), newest);
        assertFalse(newest.contains("glide.smtp.port"), "the second save changed one property: " + newest);
        assertTrue(newest.contains("<span class=\"audit-who\">admin</span>") && newest.contains(" UTC</span>"), newest);
        assertTrue(groups.find(), page);
        String older = groups.group(2);
        assertTrue(older.contains("group-one.example.com") && older.contains("glide.smtp.port") && older.contains("2 changes"), older);
        assertEquals(1, count(older, "<p class=\"audit-subject\">"), "one subject heading for the save: " + older);
        assertTrue(page.indexOf("group-two.example.com") < page.indexOf("group-one.example.com</span> &rarr;"), "newest first");
    }

    private static void patch(Map<String, String> values) {
        ObjectNode body = ConsoleClient.JSON.createObjectNode();
        body.put("version", admin.properties().get("version").asLong());
        ObjectNode valueNode = body.putObject("values");
        values.forEach(valueNode::put);
        HttpResponse<String> response = admin.patchJson("/api/v1/properties", body.toString());
        assertEquals(200, response.statusCode(), response.body());
    }

    @Test
    void theDebugLogMarksOutcomesAndAnAdminClearsItAfterConfirming() throws Exception {
        long good = account("Logged sink", "127.0.0.1", smtp.port(), null, true);
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        long bad = account("Logged nowhere", "127.0.0.1", closed, null, true);
        assertTrue(admin.json(admin.postJson("/api/v1/accounts/" + good + "/test", "")).get("ok").asBoolean());
        assertFalse(admin.json(admin.postJson("/api/v1/accounts/" + bad + "/test", "")).get("ok").asBoolean());
        assertTrue(admin.json(admin.postJson("/api/v1/accounts/" + good + "/test", "")).get("ok").asBoolean());

        String goodLog = admin.get("/accounts/" + good + "/log").body();
        assertEquals(2, count(goodLog, "<p class=\"transcript-outcome ok\"><span class=\"outcome-mark\" aria-hidden=\"true\">✓</span> "
                + "<strong class=\"outcome-label\">Succeeded:</strong> Connected to 127.0.0.1"), goodLog);
        assertTrue(goodLog.matches("(?s).*<span class=\"transcript-when\">\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC</span>.*"), goodLog);
        String badLog = admin.get("/accounts/" + bad + "/log").body();
        assertTrue(badLog.contains("<p class=\"transcript-outcome failed\"><span class=\"outcome-mark\" aria-hidden=\"true\">✗</span> "
                + "<strong class=\"outcome-label\">Failed:</strong>"), badLog);
        assertTrue(goodLog.contains("id=\"clear-log-link\""));
        assertEquals(403, viewer.get("/accounts/" + good + "/log").statusCode(), "transcripts are mail-admin only");

        // the confirmation names what goes; a viewer gets no form and cannot post
        String confirm = admin.get("/accounts/" + good + "/clear-log").body();
        assertTrue(confirm.contains("deletes the 2 kept transcripts of \"Logged sink\""), confirm);
        String viewerConfirm = viewer.get("/accounts/" + good + "/clear-log").body();
        assertFalse(viewerConfirm.contains("id=\"clear-log-form\""), viewerConfirm);
        String viewerCsrf = ConsoleClient.csrfToken(viewer.get("/accounts/" + good).body());
        assertEquals(403, viewer.postForm("/accounts/" + good + "/clear-log", List.of(Map.entry("_csrf", viewerCsrf))).statusCode());
        assertEquals(403, admin.postForm("/accounts/" + good + "/clear-log", List.of()).statusCode(), "no CSRF token, no clearing");
        assertEquals(2, transcripts(good).size(), "nothing cleared yet");

        HttpResponse<String> cleared = admin.postForm("/accounts/" + good + "/clear-log",
                List.of(Map.entry("_csrf", ConsoleClient.csrfToken(confirm))));
        assertEquals(303, cleared.statusCode(), cleared.body());
        String after = admin.followed(cleared).body();
        assertTrue(after.contains("Cleared: 2 transcripts were deleted.") && after.contains("id=\"no-transcripts\""), after);
        assertEquals(0, transcripts(good).size());
        assertEquals(1, transcripts(bad).size(), "only that account's log is cleared");
        String recent = admin.get("/properties/email").body();
        assertTrue(recent.contains("debugLog") && recent.contains("2 transcript(s)") && recent.contains("cleared"),
                "Recent changes record who cleared which debug log: " + recent);

        // the API: DELETE /api/v1/accounts/{id}/transcripts
        assertEquals(403, admin.send("DELETE", "/api/v1/accounts/" + bad + "/transcripts", "application/json", "", false)
                .statusCode(), "without X-Requested-With");
        assertEquals(403, viewer.delete("/api/v1/accounts/" + bad + "/transcripts").statusCode());
        assertEquals(1, transcripts(bad).size());
        assertEquals(204, admin.delete("/api/v1/accounts/" + bad + "/transcripts").statusCode());
        assertEquals(0, transcripts(bad).size());
        assertEquals(404, admin.delete("/api/v1/accounts/999999/transcripts").statusCode());
        JsonNode stillOn = admin.json(admin.get("/api/v1/accounts/" + bad));
        assertTrue(stillOn.get("debugLogging").asBoolean(), "Clear leaves debug logging on");
    }

    private static JsonNode transcripts(long id) {
        HttpResponse<String> response = admin.get("/api/v1/accounts/" + id + "/transcripts");
        assertEquals(200, response.statusCode(), response.body());
        return admin.json(response).get("transcripts");
    }

    @Test
    void readOnlyViewsShowValuesAsTextWithoutGreyedInputsOrEditHints() {
        long id = account("Read only relay", "ro.example.com", 2525, "ro-user@example.com", false);
        String viewerForm = viewer.get("/accounts/" + id).body();
        assertTrue(viewerForm.contains("<span class=\"ro-value\" id=\"server\">ro.example.com</span>"), viewerForm);
        assertTrue(viewerForm.contains("<span class=\"ro-value\" id=\"userName\">ro-user@example.com</span>"), viewerForm);
        assertTrue(viewerForm.contains("<span class=\"ro-value\" id=\"password\">stored (not shown)</span>"), viewerForm);
        assertTrue(viewerForm.contains("<span class=\"ro-value\" id=\"security\">None</span>"), viewerForm);
        assertFalse(viewerForm.contains("disabled"), viewerForm);
        assertFalse(viewerForm.contains("<input type=\"text\"") || viewerForm.contains("<select") || viewerForm.contains("<textarea"), viewerForm);
        assertFalse(viewerForm.contains("leave blank to keep") || viewerForm.contains("Blank: the usual port"), "no edit hints: " + viewerForm);
        assertFalse(viewerForm.contains("id=\"oauth2-fields\""), "a password account shows no OAuth 2.0 section read-only");
        assertFalse(viewerForm.contains(CANARY));

        String viewerProperties = viewer.get("/properties/email").body();
        assertTrue(viewerProperties.contains("<span class=\"ro-value\" id=\"glide-email-smtp-active\">"), viewerProperties);
        assertFalse(viewerProperties.contains("disabled"), viewerProperties);
        assertFalse(viewerProperties.contains("<input type=\"text\"") || viewerProperties.contains("<select"), viewerProperties);

        JsonNode filter = admin.json(admin.postJson("/api/v1/address-filters", "{\"name\": \"Read only filter\", \"direction\": "
                + "\"outbound\", \"lists\": [{\"type\": \"deny\", \"domains\": [\"blocked.example\"], \"exceptions\": []}]}"));
        String viewerFilter = viewer.get("/address-filters/" + filter.get("id").asLong()).body();
        assertTrue(viewerFilter.contains("<span class=\"ro-value\" id=\"name\">Read only filter</span>"), viewerFilter);
        assertTrue(viewerFilter.contains("blocked.example") && viewerFilter.contains("Deny list"), viewerFilter);
        assertFalse(viewerFilter.contains("disabled") || viewerFilter.contains("<textarea"), viewerFilter);

        // a built-in account for an admin: connection values as text, Active and debug logging still boxes
        long defaultSmtp = admin.json(admin.get("/api/v1/accounts")).get("accounts").get(0).get("id").asLong();
        patch(Map.of("glide.email.server", "builtin.example.com"));
        String builtIn = admin.get("/accounts/" + defaultSmtp).body();
        assertTrue(builtIn.contains("<span class=\"ro-value\" id=\"server\">builtin.example.com</span>"), builtIn);
        assertTrue(builtIn.contains("id=\"active\" name=\"active\"") && builtIn.contains("id=\"debugLogging\" name=\"debugLogging\""), builtIn);
        assertFalse(builtIn.contains("disabled") || builtIn.contains("name=\"server\""), builtIn);
        assertTrue(builtIn.contains("id=\"save-top\"") && builtIn.contains("id=\"save\""), "Save at the top and the bottom");
    }

    @Test
    void notFoundPagesAreInTheConsolesLayout() {
        for (String path : List.of("/nope", "/emails/999999", "/accounts/999999", "/address-filters/999999", "/accounts/999999/log")) {
            HttpResponse<String> response = admin.get(path);
            assertEquals(404, response.statusCode(), path);
            String html = response.body();
            assertTrue(html.contains("id=\"main-nav\"") && html.contains("id=\"breadcrumbs\"") && html.contains("/static/console.css"),
                    path + ": " + html);
            assertTrue(html.contains("<h1>404 Not Found</h1>"), path + ": " + html);
            assertFalse(html.contains("Exception") || html.contains("jetty") || html.contains("Jetty"), path + ": " + html);
        }
    }
}
