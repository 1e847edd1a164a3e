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
import org.junit.jupiter.params.provider.CsvSource;
import org.mailconsole.testing.ConsoleClient;
import org.mailconsole.testing.ConsoleServer;
import org.mailconsole.testing.RunningConsole;

/**
 * Messages per minute and recipients per day (email-model.md section 7) on the real WAR: null (no
 * limit) by default, absent from a PUT keeps the stored value, null lifts it, a bad value is a 400
 * naming the field with nothing saved, through the API and the form (Default SMTP included).
 */
class RateLimitsSettingIT {
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

    @Test
    void noLimitByDefaultAPutWithoutThemKeepsThemAndNullLiftsThem() {
        JsonNode smtp = byName("Default SMTP");
        assertTrue(smtp.get("messagesPerMinute").isNull() && smtp.get("recipientsPerDay").isNull(), smtp.toString());
        HttpResponse<String> created = admin.postJson("/api/v1/accounts",
                AccountsApiIT.account("Limited relay", "smtp").put("messagesPerMinute", 30)
                        .put("recipientsPerDay", 10000).toString());
        assertEquals(201, created.statusCode(), created.body());
        JsonNode account = admin.json(created);
        assertEquals(30, account.get("messagesPerMinute").asInt());
        assertEquals(10000, account.get("recipientsPerDay").asInt());
        long id = account.get("id").asLong();

        ObjectNode without = (ObjectNode) account.deepCopy();
        without.remove("messagesPerMinute");
        without.remove("recipientsPerDay");
        without.put("displayName", "Kept");
        HttpResponse<String> kept = admin.putJson("/api/v1/accounts/" + id, without.toString());
        assertEquals(200, kept.statusCode(), kept.body());
        assertEquals(30, admin.json(kept).get("messagesPerMinute").asInt());
        assertEquals(10000, admin.json(kept).get("recipientsPerDay").asInt());

        ObjectNode lifted = ((ObjectNode) admin.json(kept).deepCopy()).putNull("messagesPerMinute");
        HttpResponse<String> put = admin.putJson("/api/v1/accounts/" + id, lifted.toString());
        assertEquals(200, put.statusCode(), put.body());
        assertTrue(admin.json(put).get("messagesPerMinute").isNull());
        assertEquals(10000, admin.json(put).get("recipientsPerDay").asInt());
        assertTrue(byName("Default POP3").get("recipientsPerDay").isNull());
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            messagesPerMinute | 0
            messagesPerMinute | 100001
            messagesPerMinute | "x"
            recipientsPerDay  | 0
            recipientsPerDay  | 10000001
            recipientsPerDay  | 1.5
            """)
    void aBadValueIsRefusedNamingTheFieldAndNothingIsSaved(String field, String value) throws Exception {
        JsonNode smtp = byName("Default SMTP");
        String before = admin.get("/api/v1/accounts").body();
        ObjectNode body = (ObjectNode) smtp.deepCopy();
        body.set(field, ConsoleClient.JSON.readTree(value));
        HttpResponse<String> refused = admin.putJson("/api/v1/accounts/" + smtp.get("id").asLong(), body.toString());
        AccountsApiIT.assertRefused(refused, field);
        assertEquals(before, admin.get("/api/v1/accounts").body(), "nothing may be saved");
    }

    @Test
    void theFormRefusesABadValueAtTheFieldAndBlankMeansNoLimit() {
        JsonNode smtp = byName("Default SMTP");
        long id = smtp.get("id").asLong();
        String page = admin.get("/accounts/" + id).body();
        assertTrue(page.contains("id=\"messagesPerMinute\"") && page.contains("id=\"recipientsPerDay\""), page);
        String before = admin.get("/api/v1/accounts").body();
        HttpResponse<String> refused = admin.postForm("/accounts/" + id, List.of(
                Map.entry("_csrf", ConsoleClient.csrfToken(page)), Map.entry("version", ConsoleClient.formVersion(page)),
                Map.entry("active", "true"), Map.entry("maxConnections", "4"), Map.entry("messagesPerMinute", "-3"),
                Map.entry("recipientsPerDay", ""), Map.entry("debugLogging", "false")));
        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("id=\"error-messagesPerMinute\""), refused.body());
        assertEquals(before, admin.get("/api/v1/accounts").body(), "nothing may be saved");

        String again = admin.get("/accounts/" + id).body();
        HttpResponse<String> saved = admin.postForm("/accounts/" + id, List.of(
                Map.entry("_csrf", ConsoleClient.csrfToken(again)), Map.entry("version", ConsoleClient.formVersion(again)),
                Map.entry("active", "true"), Map.entry("maxConnections", "4"), Map.entry("messagesPerMinute", "30"),
                Map.entry("recipientsPerDay", "10000"), Map.entry("debugLogging", "false")));
        assertEquals(303, saved.statusCode(), saved.body());
        assertEquals(30, byName("Default SMTP").get("messagesPerMinute").asInt());

        String third = admin.get("/accounts/" + id).body();
        HttpResponse<String> blank = admin.postForm("/accounts/" + id, List.of(
                Map.entry("_csrf", ConsoleClient.csrfToken(third)), Map.entry("version", ConsoleClient.formVersion(third)),
                Map.entry("active", "true"), Map.entry("maxConnections", "4"), Map.entry("messagesPerMinute", ""),
                Map.entry("recipientsPerDay", ""), Map.entry("debugLogging", "false")));
        assertEquals(303, blank.statusCode(), blank.body());
        JsonNode lifted = byName("Default SMTP");
        assertTrue(lifted.get("messagesPerMinute").isNull() && lifted.get("recipientsPerDay").isNull(), lifted.toString());
    }
}
