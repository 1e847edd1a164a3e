package org.mailconsole.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mailconsole.model.PropertyCatalog;
import org.mailconsole.model.PropertyDef;
import org.mailconsole.testing.ConsoleClient;
import org.mailconsole.testing.ConsoleServer;
import org.mailconsole.testing.RunningConsole;

/** The System Properties > Email form over HTTP, on the real WAR in embedded Jetty 12. */
class PropertiesPageIT {
    static final String PAGE = "/properties/email";

    @RegisterExtension
    static final RunningConsole console = new RunningConsole();
    static ConsoleServer server;

    @BeforeAll
    static void start() {
        server = console.server();
    }

    /** The form as the browser would post it after loading the page: csrf, version, then fields. */
    static List<Map.Entry<String, String>> form(String html, Map<String, String> values) {
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        fields.add(Map.entry("_csrf", ConsoleClient.csrfToken(html)));
        fields.add(Map.entry("version", ConsoleClient.formVersion(html)));
        values.forEach((name, value) -> {
            if (PropertyCatalog.get(name).type() == org.mailconsole.model.PropertyType.BOOLEAN) {
                fields.add(Map.entry(name, "false"));
            }
            fields.add(Map.entry(name, value));
        });
        return fields;
    }

    @Test
    void rootRedirectsToThePage() {
        HttpResponse<String> response = server.admin().get("/");
        assertEquals(302, response.statusCode());
        assertTrue(response.headers().firstValue("Location").orElse("").endsWith("/mail-console/properties/email"));
    }

    @Test
    void pageShowsSectionsLabelsNamesHelpAndEffectiveValues() {
        HttpResponse<String> page = server.admin().get(PAGE);
        assertEquals(200, page.statusCode());
        String html = page.body();
        assertTrue(html.contains("Outgoing (SMTP) mail server"));
        assertTrue(html.contains("Outbound email configuration"));
        assertTrue(html.contains("Incoming (POP3) mail server"));
        for (PropertyDef def : PropertyCatalog.all()) {
            assertTrue(html.contains("name=\"" + def.name() + "\""), def.name());
        }
        assertTrue(html.contains("blank: using the default, 25"));
        assertTrue(html.contains("type=\"checkbox\" id=\"glide-smtp-auth\""));
        assertTrue(html.contains("<select id=\"glide-smtp-encryption\""));
        assertTrue(html.contains("type=\"password\" id=\"glide-email-user_password\" name=\"glide.email.user_password\" value=\"\""));
        assertFalse(html.contains(">None: the password"), "no security note while outgoing mail is off (no server)");
        assertEquals("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                        + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
                page.headers().firstValue("Content-Security-Policy").orElse(""));
        assertEquals("DENY", page.headers().firstValue("X-Frame-Options").orElse(""));
        assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertFalse(html.contains("<script>"), "no inline script");
    }

    @Test
    void everyPropertyRoundTripsThroughTheFormAndSurvivesARestart() throws Exception {
        ConsoleClient admin = server.admin();
        Map<String, String> values = PropertiesApiIT.everyPropertySet();
        HttpResponse<String> saved = admin.postForm(PAGE, form(admin.get(PAGE).body(), values));
        assertEquals(303, saved.statusCode(), saved.body());
        String location = saved.headers().firstValue("Location").orElse("");
        assertTrue(location.endsWith(PAGE + "?saved"), location);
        assertTrue(admin.get(PAGE + "?saved").body().contains("Saved."));

        server.restart();
        ConsoleClient after = server.admin();
        String html = after.get(PAGE).body();
        for (PropertyDef def : PropertyCatalog.all()) {
            String value = values.get(def.name());
            switch (def.type()) {
                case SECRET -> assertTrue(after.property(def.name()).get("set").asBoolean(), def.name());
                case BOOLEAN -> assertEquals(value.equals("true"),
                        html.contains("id=\"" + def.name().replace('.', '-') + "\" name=\"" + def.name()
                                + "\" value=\"true\" checked"), def.name());
                case CHOICE -> assertTrue(html.contains("<option value=\"" + value + "\" selected>"), def.name());
                default -> assertTrue(html.contains("name=\"" + def.name() + "\" value=\"" + value + "\""), def.name());
            }
            if (!def.secret()) {
                assertEquals(value, after.property(def.name()).get("value").asText(), def.name());
            }
        }
        assertFalse(html.contains("api-secret-1"));
        assertFalse(html.contains("api-secret-2"));
        assertTrue(html.contains("<code class=\"audit-field\">glide.email.user_password</code>: <span class=\"audit-old\">(none)</span> &rarr; <span class=\"audit-new\">changed</span>"),
                "audit shows what changed, secrets only as changed");

        // a blank password keeps the stored one; "clear" removes it
        Map<String, String> keep = new java.util.LinkedHashMap<>();
        keep.put("glide.email.user_password", "");
        assertEquals(303, after.postForm(PAGE, form(html, keep)).statusCode());
        assertTrue(after.property("glide.email.user_password").get("set").asBoolean());
        List<Map.Entry<String, String>> clear = form(after.get(PAGE).body(), Map.of());
        clear.add(Map.entry("glide.email.user_password.clear", "true"));
        clear.add(Map.entry("glide.pop3.password.clear", "true"));
        assertEquals(303, after.postForm(PAGE, clear).statusCode());
        assertFalse(after.property("glide.email.user_password").get("set").asBoolean());
        assertFalse(after.property("glide.pop3.password").get("set").asBoolean());

        resetAll(after);
    }

    @Test
    void invalidInputSavesNothingAndShowsEachFieldsMessageWithTheTypedValues() {
        ConsoleClient admin = server.admin();
        String before = admin.get("/api/v1/properties").body();
        Map<String, String> values = new java.util.LinkedHashMap<>();
        values.put("glide.email.server", "good.example.com");
        values.put("glide.smtp.port", "70000");
        values.put("glide.email.user", "no-at-sign");
        values.put("glide.smtp.defer_retry_ids", "421,99x");
        HttpResponse<String> response = admin.postForm(PAGE, form(admin.get(PAGE).body(), values));
        assertEquals(400, response.statusCode());
        String html = response.body();
        assertTrue(html.contains("Nothing was saved"));
        assertTrue(html.contains("id=\"error-glide-smtp-port\">must be a whole number from 1 to 65535"), html);
        assertTrue(html.contains("id=\"error-glide-email-user\">is not an email address"));
        assertTrue(html.contains("id=\"error-glide-smtp-defer_retry_ids\">&#39;99x&#39; is not an SMTP reply code"));
        assertTrue(html.contains("value=\"70000\""), "the admin's input comes back");
        assertTrue(html.contains("value=\"good.example.com\""));
        assertEquals(before, admin.get("/api/v1/properties").body(), "nothing saved, not even the good field");
        // issue 11 item 7: a note never contradicts a field error, and describes only a blank field
        assertFalse(html.contains("id=\"effective-glide-smtp-port\""), "no 'using the default' beside 70000 and its error");
        assertFalse(html.contains("id=\"effective-glide-email-server\""), "no 'outgoing mail is disabled' beside a typed server");
    }

    @Test
    void theHelpIsNotRepeatedUnderAnEffectiveNote() {
        ConsoleClient admin = server.admin();
        Map<String, String> values = new java.util.LinkedHashMap<>();
        values.put("glide.email.server", "smtp.example.com");
        values.put("glide.pop3.server", "");
        assertEquals(303, admin.postForm(PAGE, form(admin.get(PAGE).body(), values)).statusCode());
        String html = admin.get(PAGE).body();
        int row = html.indexOf("id=\"row-glide-pop3-server\"");
        String pop3Server = html.substring(row, html.indexOf("id=\"row-", row + 10));
        assertTrue(pop3Server.contains("id=\"effective-glide-pop3-server\">blank: using smtp.example.com from glide.email.server"),
                pop3Server);
        assertFalse(pop3Server.contains("Blank: the outgoing (SMTP) mail server is used."), "the help says what the note says");
    }

    @Test
    void aStaleFormIsRefusedAndOverwritesNothing() {
        ConsoleClient admin = server.admin();
        String stale = admin.get(PAGE).body();
        assertEquals(303, admin.postForm(PAGE, form(stale, Map.of("glide.email.username", "Winner"))).statusCode());
        HttpResponse<String> late = admin.postForm(PAGE, form(stale, Map.of("glide.email.username", "Loser")));
        assertEquals(409, late.statusCode());
        assertTrue(late.body().contains("changed by someone else"));
        assertEquals("Winner", admin.property("glide.email.username").get("value").asText());
        resetAll(admin);
    }

    @Test
    void htmlInValuesIsEscaped() {
        ConsoleClient admin = server.admin();
        String attack = "<script>alert(1)</script>";
        assertEquals(303, admin.postForm(PAGE, form(admin.get(PAGE).body(),
                Map.of("glide.email.username", attack))).statusCode());
        String html = admin.get(PAGE).body();
        assertFalse(html.contains(attack));
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        resetAll(admin);
    }

    @Test
    void viewerSeesAReadOnlyPage() {
        String html = server.viewer().get(PAGE).body();
        assertTrue(html.contains("read-only access"));
        assertFalse(html.contains("id=\"save\""));
    }

    static void resetAll(ConsoleClient admin) {
        Map<String, String> resets = new java.util.HashMap<>();
        PropertyCatalog.all().forEach(def -> resets.put(def.name(), null));
        long version = admin.properties().get("version").asLong();
        HttpResponse<String> reset = admin.patchJson("/api/v1/properties", PropertiesApiIT.patchBody(version, resets));
        assertEquals(200, reset.statusCode(), reset.body());
    }
}
