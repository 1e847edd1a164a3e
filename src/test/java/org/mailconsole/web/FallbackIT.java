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
import org.mailconsole.testing.ConsoleClient;
import org.mailconsole.testing.RunningConsole;
import org.mailconsole.testing.ScriptedSmtp;

/**
 * The fallback account (email-model.md section 7.3) on the real WAR: fallbackAccountId through the
 * API and the form, refused naming the field for the account itself, an unknown id or a POP3
 * account with nothing saved, a named fallback that cannot be deleted (409 naming who names it),
 * and a relay refusing connections whose mail goes through the fallback while Diagnostics and the
 * banner say so.
 */
class FallbackIT {
    @RegisterExtension
    static final RunningConsole console = new RunningConsole();
    static ConsoleClient admin;

    @BeforeAll
    static void start() {
        admin = console.server().admin();
    }

    static JsonNode created(ObjectNode body) {
        HttpResponse<String> created = admin.postJson("/api/v1/accounts", body.toString());
        assertEquals(201, created.statusCode(), created.body());
        return admin.json(created);
    }

    static ObjectNode relay(String name, int port) {
        ObjectNode body = ConsoleClient.JSON.createObjectNode();
        body.put("name", name);
        body.put("type", "smtp");
        body.put("authentication", "none");
        body.put("server", "127.0.0.1");
        body.put("port", port);
        body.put("security", "none");
        body.put("active", false);
        return body;
    }

    static JsonNode byName(String name) {
        for (JsonNode account : admin.json(admin.get("/api/v1/accounts")).get("accounts")) {
            if (account.get("name").asText().equals(name)) {
                return account;
            }
        }
        throw new AssertionError("no account " + name);
    }

    static JsonNode get(long id) {
        return admin.json(admin.get("/api/v1/accounts/" + id));
    }

    @Test
    void theFallbackIsAnotherOutboundAccountKeptWhenAbsentClearedByNullAndNotDeletedWhileNamed() throws Exception {
        JsonNode primary = created(AccountsApiIT.account("Fallback primary", "smtp"));
        JsonNode backup = created(AccountsApiIT.account("Fallback backup", "smtp"));
        long id = primary.get("id").asLong();
        assertTrue(primary.get("fallbackAccountId").isNull(), primary.toString());
        JsonNode pop3 = byName("Default POP3");
        assertTrue(pop3.get("fallbackAccountId").isNull(), "an inbound account has none");

        for (long bad : List.of(id, 987654L, pop3.get("id").asLong())) {
            String before = admin.get("/api/v1/accounts").body();
            ObjectNode body = ((ObjectNode) primary.deepCopy()).put("fallbackAccountId", bad);
            HttpResponse<String> refused = admin.putJson("/api/v1/accounts/" + id, body.toString());
            AccountsApiIT.assertRefused(refused, "fallbackAccountId");
            assertEquals(before, admin.get("/api/v1/accounts").body(), "nothing may be saved");
        }
        HttpResponse<String> refusedNew = admin.postJson("/api/v1/accounts",
                AccountsApiIT.account("Fallback to POP3", "smtp").put("fallbackAccountId", pop3.get("id").asLong())
                        .toString());
        AccountsApiIT.assertRefused(refusedNew, "fallbackAccountId");
        assertTrue(refusedNew.body().contains("outbound"), refusedNew.body());
        ObjectNode pop3WithOne = ((ObjectNode) pop3.deepCopy()).put("fallbackAccountId", id);
        AccountsApiIT.assertRefused(admin.putJson("/api/v1/accounts/" + pop3.get("id").asLong(),
                pop3WithOne.toString()), "fallbackAccountId");

        HttpResponse<String> set = admin.putJson("/api/v1/accounts/" + id, ((ObjectNode) primary.deepCopy())
                .put("fallbackAccountId", backup.get("id").asLong()).toString());
        assertEquals(200, set.statusCode(), set.body());
        assertEquals(backup.get("id").asLong(), admin.json(set).get("fallbackAccountId").asLong());
        ObjectNode without = (ObjectNode) admin.json(set).deepCopy();
        without.remove("fallbackAccountId");
        without.put("displayName", "Kept");
        HttpResponse<String> kept = admin.putJson("/api/v1/accounts/" + id, without.toString());
        assertEquals(200, kept.statusCode(), kept.body());
        assertEquals(backup.get("id").asLong(), admin.json(kept).get("fallbackAccountId").asLong());

        HttpResponse<String> delete = admin.delete("/api/v1/accounts/" + backup.get("id").asLong());
        assertEquals(409, delete.statusCode(), delete.body());
        assertTrue(delete.body().contains("Fallback primary"), delete.body());
        String askPage = admin.get("/accounts/" + backup.get("id").asLong() + "/delete").body();
        HttpResponse<String> pageDelete = admin.postForm("/accounts/" + backup.get("id").asLong() + "/delete",
                List.of(Map.entry("_csrf", ConsoleClient.csrfToken(askPage)),
                        Map.entry("version", ConsoleClient.formVersion(askPage))));
        assertEquals(409, pageDelete.statusCode());
        assertTrue(pageDelete.body().contains("Not deleted") && pageDelete.body().contains("Fallback primary"),
                pageDelete.body());
        assertEquals(200, admin.get("/api/v1/accounts/" + backup.get("id").asLong()).statusCode());

        String form = admin.get("/accounts/" + id).body();
        assertTrue(form.contains("<select id=\"fallbackAccountId\" name=\"fallbackAccountId\""), form);
        assertTrue(form.contains("value=\"" + backup.get("id").asLong() + "\" selected"), form);
        assertTrue(!form.contains("<option value=\"" + id + "\""), "not itself");

        HttpResponse<String> cleared = admin.putJson("/api/v1/accounts/" + id,
                ((ObjectNode) admin.json(kept).deepCopy()).putNull("fallbackAccountId").toString());
        assertEquals(200, cleared.statusCode(), cleared.body());
        assertTrue(admin.json(cleared).get("fallbackAccountId").isNull());
        assertEquals(204, admin.delete("/api/v1/accounts/" + backup.get("id").asLong()).statusCode());
        assertEquals(204, admin.delete("/api/v1/accounts/" + id).statusCode());
    }

    @Test
    void aRelayRefusingConnectionsSendsThroughItsFallbackAndDiagnosticsAndTheBannerSaySo() throws Exception {
        try (ScriptedSmtp down = ScriptedSmtp.down(); ScriptedSmtp backupRelay = ScriptedSmtp.start()) {
            JsonNode backup = created(relay("Backup relay", backupRelay.port()));
            JsonNode primary = created(relay("Down relay", down.port()).put("fallbackAccountId",
                    backup.get("id").asLong()));
            long id = primary.get("id").asLong();
            JsonNode builtIn = byName("Default SMTP");
            try {
                HttpResponse<String> active = admin.postJson("/api/v1/accounts/" + id + "/make-active",
                        "{\"version\": " + primary.get("version").asLong() + "}");
                assertEquals(200, active.statusCode(), active.body());

                HttpResponse<String> sent = admin.postJson("/api/v1/test-email", "{\"to\": \"someone@customer.example\"}");
                assertTrue(admin.json(sent).get("ok").asBoolean(), sent.body());
                assertEquals(1, backupRelay.received().size(), "the message went through the fallback");
                JsonNode entry = admin.json(admin.get("/api/v1/emails?mailbox=sent")).get("emails").get(0);
                assertEquals("Backup relay", entry.get("accountName").asText(), entry.toString());

                JsonNode row = admin.json(admin.get("/api/v1/diagnostics")).get("delivery").get(0);
                assertEquals("Down relay", row.get("name").asText(), row.toString());
                JsonNode inUse = row.get("fallbackInUse");
                assertEquals(backup.get("id").asLong(), inUse.get("accountId").asLong(), row.toString());
                assertEquals("Backup relay", inUse.get("name").asText());
                assertTrue(inUse.get("lastFailure").asText().contains("refused"), row.toString());
                String page = admin.get("/diagnostics").body();
                assertTrue(page.contains("fallback account &quot;Backup relay&quot; in use since"), page);
                String banner = admin.get("/accounts").body();
                assertTrue(banner.contains("id=\"banner\"") && banner.contains("Outbound email goes through the "
                        + "fallback account &quot;Backup relay&quot;"), banner);
            } finally {
                // the built-in account sends again, for the other tests of this console
                JsonNode now = byName("Default SMTP");
                assertEquals(200, admin.postJson("/api/v1/accounts/" + builtIn.get("id").asLong() + "/make-active",
                        "{\"version\": " + now.get("version").asLong() + "}").statusCode());
                admin.putJson("/api/v1/accounts/" + id, ((ObjectNode) get(id).deepCopy()).putNull("fallbackAccountId")
                        .toString());
                admin.delete("/api/v1/accounts/" + backup.get("id").asLong());
                admin.delete("/api/v1/accounts/" + id);
            }
        }
    }
}
