package org.mailconsole.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mailconsole.testing.ConsoleClient;
import org.mailconsole.testing.ConsoleServer;
import org.mailconsole.testing.RunningConsole;

/**
 * Connections (maxConnections, email-model.md section 7) on the real WAR: default 4 on every SMTP
 * account including Default SMTP, absent from a PUT keeps the stored value, 1..50 or a 400 naming
 * the field with nothing saved, through the API and the form.
 */
class ConnectionsSettingIT {
    @RegisterExtension
    static final RunningConsole console = new RunningConsole();
    static ConsoleClient admin;

    @BeforeAll
    static void start() {
        ConsoleServer server = console.server();
        admin = server.admin();
    }

    static JsonNode byName(String name) {
        for (JsonNode account : admin.json(admin.get("/api/v1/accounts")).get("accounts")) {
            if (account.get("name").asText().equals(name)) {
                return account;
            }
        }
        throw new AssertionError("no account " + name);
    }

    static JsonNode created(String name) {
        ObjectNode body = AccountsApiIT.account(name, "smtp");
        HttpResponse<String> created = admin.postJson("/api/v1/accounts", body.toString());
        assertEquals(201, created.statusCode(), created.body());
        return admin.json(created);
    }

    @Test
    void everySmtpAccountHasFourByDefaultAndAPutWithoutItKeepsTheStoredValue() {
        assertEquals(4, byName("Default SMTP").get("maxConnections").asInt());
        assertTrue(byName("Default POP3").get("maxConnections").isNull(), "an inbound account has no Connections");
        JsonNode account = created("Relay keeps");
        assertEquals(4, account.get("maxConnections").asInt());
        long id = account.get("id").asLong();

        HttpResponse<String> set = admin.putJson("/api/v1/accounts/" + id,
                ((ObjectNode) account.deepCopy()).put("maxConnections", 12).toString());
        assertEquals(200, set.statusCode(), set.body());
        assertEquals(12, admin.json(set).get("maxConnections").asInt());

        ObjectNode without = (ObjectNode) admin.json(set).deepCopy();
        without.remove("maxConnections");
        without.put("displayName", "Kept");
        HttpResponse<String> kept = admin.putJson("/api/v1/accounts/" + id, without.toString());
        assertEquals(200, kept.statusCode(), kept.body());
        assertEquals(12, admin.json(kept).get("maxConnections").asInt());
        assertEquals("Kept", admin.json(kept).get("displayName").asText());
    }

    @Test
    void defaultSmtpTakesConnectionsThoughItsConnectionValuesAreTheProperties() {
        JsonNode smtp = byName("Default SMTP");
        ObjectNode body = ((ObjectNode) smtp.deepCopy()).put("maxConnections", 20);
        HttpResponse<String> set = admin.putJson("/api/v1/accounts/" + smtp.get("id").asLong(), body.toString());
        assertEquals(200, set.statusCode(), set.body());
        assertEquals(20, byName("Default SMTP").get("maxConnections").asInt());
        ObjectNode back = ((ObjectNode) admin.json(set).deepCopy()).put("maxConnections", 4);
        assertEquals(200, admin.putJson("/api/v1/accounts/" + smtp.get("id").asLong(), back.toString()).statusCode());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"0", "51", "\"x\""})
    void aValueOutsideOneToFiftyIsRefusedNamingTheFieldAndNothingIsSaved(String value) throws Exception {
        JsonNode account = created("Relay bad " + value.replace("\"", ""));
        for (JsonNode target : List.of(account, byName("Default SMTP"))) {
            String before = admin.get("/api/v1/accounts").body();
            ObjectNode body = (ObjectNode) target.deepCopy();
            body.set("maxConnections", ConsoleClient.JSON.readTree(value));
            HttpResponse<String> refused = admin.putJson("/api/v1/accounts/" + target.get("id").asLong(), body.toString());
            AccountsApiIT.assertRefused(refused, "maxConnections");
            assertTrue(refused.body().contains("from 1 to 50"), refused.body());
            assertEquals(before, admin.get("/api/v1/accounts").body(), "nothing may be saved");
        }
        String before = admin.get("/api/v1/accounts").body();
        ObjectNode post = AccountsApiIT.account("Relay new " + value.replace("\"", ""), "smtp");
        post.set("maxConnections", ConsoleClient.JSON.readTree(value));
        AccountsApiIT.assertRefused(admin.postJson("/api/v1/accounts", post.toString()), "maxConnections");
        assertEquals(before, admin.get("/api/v1/accounts").body(), "nothing may be saved");
    }

    @Test
    void theFormRefusesABadValueAtTheFieldAndSavesAGoodOne() {
        JsonNode smtp = byName("Default SMTP");
        long id = smtp.get("id").asLong();
        String page = admin.get("/accounts/" + id).body();
        assertTrue(page.contains("id=\"maxConnections\""), "Default SMTP's form has the field");
        String before = admin.get("/api/v1/accounts").body();
        HttpResponse<String> refused = admin.postForm("/accounts/" + id, List.of(
                Map.entry("_csrf", ConsoleClient.csrfToken(page)), Map.entry("version", ConsoleClient.formVersion(page)),
                Map.entry("active", "true"), Map.entry("maxConnections", "51"), Map.entry("debugLogging", "false")));
        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("id=\"error-maxConnections\""), refused.body());
        assertEquals(before, admin.get("/api/v1/accounts").body(), "nothing may be saved");

        String again = admin.get("/accounts/" + id).body();
        HttpResponse<String> saved = admin.postForm("/accounts/" + id, List.of(
                Map.entry("_csrf", ConsoleClient.csrfToken(again)), Map.entry("version", ConsoleClient.formVersion(again)),
                Map.entry("active", "true"), Map.entry("maxConnections", "7"), Map.entry("debugLogging", "false")));
        assertEquals(303, saved.statusCode(), saved.body());
        JsonNode changed = byName("Default SMTP");
        assertEquals(7, changed.get("maxConnections").asInt());
        // back to the default, for the other scenarios on this console
        assertEquals(200, admin.putJson("/api/v1/accounts/" + id,
                ((ObjectNode) changed.deepCopy()).put("maxConnections", 4).toString()).statusCode());
    }
}
