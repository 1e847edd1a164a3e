package org.mailconsole.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailconsole.testing.ConsoleClient;
import org.mailconsole.testing.ConsoleServer;
import org.mailconsole.testing.MailServers;
import org.mailconsole.testing.TestTls;

/** The Email Accounts pages on the real WAR: list, form, rules, Test Connection, log, delete. */
class AccountsPagesIT {
    static final String CANARY = "page-canary-pw-5120";

    @TempDir
    static Path dataDir;
    static ConsoleServer server;
    static ConsoleClient admin;
    static MailServers mail;

    @BeforeAll
    static void start() throws Exception {
        TestTls.dir();
        mail = MailServers.start();
        server = new ConsoleServer(dataDir).start();
        admin = server.admin();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        mail.close();
    }

    static List<Map.Entry<String, String>> form(String csrf, String... pairs) {
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        fields.add(Map.entry("_csrf", csrf));
        for (int i = 0; i < pairs.length; i += 2) {
            fields.add(Map.entry(pairs[i], pairs[i + 1]));
        }
        return fields;
    }

    static String csrf() {
        return ConsoleClient.csrfToken(admin.get("/accounts/new").body());
    }

    static long idFrom(HttpResponse<String> response) {
        assertEquals(303, response.statusCode(), response.body());
        String location = response.headers().firstValue("Location").orElseThrow();
        return Long.parseLong(location.replaceAll(".*/accounts/([0-9]+).*", "$1"));
    }

    static String[] smtpAccount(String name, String active) {
        return new String[] {"name", name, "type", "SMTP", "authentication", "PASSWORD", "server", MailServers.HOST,
                "port", String.valueOf(MailServers.SMTP), "security", "NONE", "userName", MailServers.USER,
                "password", MailServers.PASSWORD, "active", "false", "active", active, "debugLogging", "false",
                "debugLogging", "true", "version", "0"};
    }

    @Test
    void theListShowsSortsAndFilters() {
        String page = admin.get("/accounts").body();
        assertTrue(page.contains("Default SMTP") && page.contains("Default POP3"), page);
        assertTrue(page.contains("id=\"new-account\""));
        String byNameDesc = admin.get("/accounts?sort=name&dir=desc").body();
        assertTrue(byNameDesc.indexOf("Default SMTP") < byNameDesc.indexOf("Default POP3"));
        String pop3Only = admin.get("/accounts?type=pop3").body();
        assertTrue(pop3Only.contains("Default POP3"));
        assertFalse(pop3Only.contains(">Default SMTP<"));
        String inactive = admin.get("/accounts?active=false").body();
        assertFalse(inactive.contains(">Default SMTP<"));
        assertFalse(server.viewer().get("/accounts").body().contains("id=\"new-account\""));
    }

    @Test
    void createTestAndReadTheLogThroughTheForm() {
        HttpResponse<String> created = admin.postForm("/accounts/new", form(csrf(), smtpAccount("Form SMTP", "false")));
        long id = idFrom(created);
        String page = admin.get("/accounts/" + id + "?saved").body();
        assertTrue(page.contains("Saved."));
        assertTrue(page.contains("(stored; leave blank to keep)"));
        assertFalse(page.contains(MailServers.PASSWORD), "the stored password is never rendered");
        assertTrue(page.contains("None: the password and every message cross the network in plain text"),
                "security warning for None");

        String csrf = ConsoleClient.csrfToken(page);
        HttpResponse<String> tested = admin.followed(admin.postForm("/accounts/" + id + "/test", form(csrf)));
        assertEquals(200, tested.statusCode(), tested.body());
        assertTrue(tested.body().contains("Test Connection: succeeded"), tested.body());
        assertTrue(tested.body().contains("id=\"test-transcript\""), "a link to the kept transcript");
        String log = admin.get("/accounts/" + id + "/log").body();
        assertTrue(log.contains("EHLO"), log);
        assertFalse(log.contains(MailServers.PASSWORD));

        HttpResponse<String> email = admin.postForm("/accounts/" + id + "/test-email", form(csrf, "to", "bob@example.com"));
        assertTrue(email.body().contains("id=\"email-reply\">250"), email.body());
    }

    @Test
    void badInputShowsFieldMessagesAndSavesNothing() {
        String before = admin.get("/api/v1/accounts").body();
        HttpResponse<String> refused = admin.postForm("/accounts/new", form(csrf(),
                "name", "", "type", "SMTP", "authentication", "PASSWORD", "server", "bad host", "port", "70000",
                "security", "NONE", "userName", "", "fromAddress", "nope", "version", "0"));
        assertEquals(400, refused.statusCode(), refused.body());
        for (String field : List.of("name", "server", "port", "userName", "password", "fromAddress")) {
            assertTrue(refused.body().contains("id=\"error-" + field + "\""), field + ": " + refused.body());
        }
        assertTrue(refused.body().contains("value=\"bad host\""), "what was typed is shown again");
        assertEquals(before, admin.get("/api/v1/accounts").body());
    }

    @Test
    void aSecondActiveSmtpAccountIsRefusedOnTheForm() {
        String before = admin.get("/api/v1/accounts").body();
        HttpResponse<String> refused = admin.postForm("/accounts/new", form(csrf(), smtpAccount("Second", "true")));
        assertEquals(409, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("&quot;Default SMTP&quot; is active"), refused.body());
        assertEquals(before, admin.get("/api/v1/accounts").body());
    }

    @Test
    void provisionedAccountsAreReadOnlyExceptActiveAndCannotBeDeleted() {
        long id = -1;
        for (JsonNode account : admin.json(admin.get("/api/v1/accounts")).get("accounts")) {
            if (account.get("name").asText().equals("Default POP3")) {
                id = account.get("id").asLong();
            }
        }
        String page = admin.get("/accounts/" + id).body();
        assertTrue(page.contains("id=\"provisioned-note\""));
        assertTrue(page.contains("href=\"/mail-console/properties/email\""));
        assertTrue(page.contains("<span class=\"ro-value\" id=\"server\"><span class=\"none\">(not set)</span></span>"),
                "a built-in account's server is text, not a greyed input: " + page);
        assertFalse(page.contains("name=\"server\""), page);
        assertFalse(page.contains("id=\"delete-link\""));
        String csrf = ConsoleClient.csrfToken(page);
        String version = ConsoleClient.formVersion(page);
        HttpResponse<String> saved = admin.postForm("/accounts/" + id, form(csrf, "version", version,
                "server", "evil.example.com", "active", "false", "active", "true"));
        assertEquals(303, saved.statusCode(), saved.body());
        JsonNode after = admin.json(admin.get("/api/v1/accounts/" + id));
        assertTrue(after.get("active").asBoolean());
        assertFalse(after.get("server").asText().contains("evil"));

        HttpResponse<String> delete = admin.postForm("/accounts/" + id + "/delete",
                form(csrf, "version", String.valueOf(after.get("version").asLong())));
        assertEquals(409, delete.statusCode());
        assertTrue(delete.body().contains("cannot be deleted"));
    }

    @Test
    void deleteAsksForConfirmation() {
        long id = idFrom(admin.postForm("/accounts/new", form(csrf(), smtpAccount("To delete", "false"))));
        String confirm = admin.get("/accounts/" + id + "/delete").body();
        assertTrue(confirm.contains("id=\"confirm-delete\""), confirm);
        HttpResponse<String> deleted = admin.postForm("/accounts/" + id + "/delete",
                form(ConsoleClient.csrfToken(confirm), "version", ConsoleClient.formVersion(confirm)));
        assertEquals(303, deleted.statusCode(), deleted.body());
        assertEquals(404, admin.get("/api/v1/accounts/" + id).statusCode());
    }

    @Test
    void aPemCanBeUploadedAndViewersSeeReadOnlyForms() {
        List<Map.Entry<String, String>> fields = form(csrf(), "name", "Uploaded", "type", "IMAP",
                "authentication", "PASSWORD", "server", "localhost", "security", "SSL", "port",
                String.valueOf(MailServers.IMAPS), "userName", MailServers.USER, "password", MailServers.PASSWORD,
                "version", "0");
        HttpResponse<String> created = admin.postMultipart("/accounts/new", fields,
                Map.of("trustedCertificatesFile", Map.entry("server.pem", TestTls.certificatePem())));
        long id = idFrom(created);
        JsonNode account = admin.json(admin.get("/api/v1/accounts/" + id));
        assertTrue(account.get("trustedCertificates").asText().contains("BEGIN CERTIFICATE"));
        String tested = admin.followed(admin.postForm("/accounts/" + id + "/test", form(csrf()))).body();
        assertTrue(tested.contains("Test Connection: succeeded"), tested);

        String viewerPage = server.viewer().get("/accounts/" + id).body();
        assertFalse(viewerPage.contains("id=\"save\""));
        assertFalse(viewerPage.contains("id=\"test-connection\""));
        assertTrue(viewerPage.contains("<span class=\"ro-value\" id=\"name\">Uploaded</span>"), viewerPage);
        assertFalse(viewerPage.contains(" disabled"), "a viewer sees values, not greyed inputs");
        assertEquals(403, admin.postForm("/accounts/new", List.of(Map.entry("name", "no csrf"))).statusCode());
    }

    @Test
    void theNavigationLinksToAccountsAndThePropertiesPageSendsATestEmail() {
        String properties = admin.get("/properties/email").body();
        assertTrue(properties.contains("href=\"/mail-console/accounts\""));
        HttpResponse<String> sent = admin.postForm("/test-email",
                form(ConsoleClient.csrfToken(properties), "to", "someone@example.com"));
        assertEquals(200, sent.statusCode());
        assertTrue(sent.body().contains("Not sent"), "Default SMTP has no server yet: " + sent.body());
        assertTrue(sent.body().contains("System Properties"), sent.body());
    }
}
