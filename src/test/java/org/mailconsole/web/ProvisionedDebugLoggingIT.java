package org.mailconsole.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mailconsole.testing.ConsoleClient;
import org.mailconsole.testing.RunningConsole;

/** Issue 11 item 9: debug logging can be turned on for Default SMTP, the account most likely to need it. */
class ProvisionedDebugLoggingIT {
    @RegisterExtension
    static final RunningConsole console = new RunningConsole();

    @Test
    void defaultSmtpTakesDebugLoggingButStillNoOtherChange() {
        ConsoleClient admin = console.admin();
        JsonNode defaultSmtp = null;
        for (JsonNode account : admin.json(admin.get("/api/v1/accounts")).get("accounts")) {
            if (account.get("name").asText().equals("Default SMTP")) {
                defaultSmtp = account;
            }
        }
        long id = defaultSmtp.get("id").asLong();
        ObjectNode body = ConsoleClient.JSON.createObjectNode();
        body.put("version", defaultSmtp.get("version").asLong());
        body.put("active", true);
        body.put("debugLogging", true);
        HttpResponse<String> on = admin.putJson("/api/v1/accounts/" + id, body.toString());
        assertEquals(200, on.statusCode(), on.body());
        assertTrue(admin.json(on).get("debugLogging").asBoolean());
        assertTrue(admin.get("/properties/email").body().contains("debugLogging"), "the change is audited");

        String form = admin.get("/accounts/" + id).body();
        assertTrue(form.contains("id=\"debugLogging\" name=\"debugLogging\" value=\"true\" checked>"),
                "the box is not disabled on the built-in account's form: " + form);

        // and through the form: the box turns it off again
        String csrf = ConsoleClient.csrfToken(form);
        HttpResponse<String> saved = admin.postForm("/accounts/" + id, java.util.List.of(java.util.Map.entry("_csrf", csrf),
                java.util.Map.entry("version", ConsoleClient.formVersion(form)), java.util.Map.entry("active", "false"),
                java.util.Map.entry("active", "true"), java.util.Map.entry("debugLogging", "false")));
        assertEquals(303, saved.statusCode(), saved.body());
        JsonNode off = admin.json(admin.get("/api/v1/accounts/" + id));
        assertFalse(off.get("debugLogging").asBoolean(), "the form's box reached the built-in account");
        assertTrue(off.get("active").asBoolean());

        body.put("version", off.get("version").asLong());
        body.put("server", "elsewhere.example.com");
        HttpResponse<String> refused = admin.putJson("/api/v1/accounts/" + id, body.toString());
        assertEquals(409, refused.statusCode(), refused.body());
        assertFalse(admin.get("/api/v1/accounts/" + id).body().contains("elsewhere.example.com"));
    }
}
