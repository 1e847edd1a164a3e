package org.mailconsole.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mailconsole.testing.ConsoleClient;
import org.mailconsole.testing.GraphStandIn;
import org.mailconsole.testing.RunningConsole;

/**
 * A Microsoft Graph account through the API of the real WAR, against a Graph stand-in on loopback:
 * created, read, tested, made active, the console's test email delivered through Graph; the secret
 * and the tokens appear in no API answer and no page (a canary search).
 */
class GraphAccountsApiIT {
    @RegisterExtension
    static final RunningConsole console = new RunningConsole();
    static ConsoleClient admin;
    static GraphStandIn graph;

    @BeforeAll
    static void start() throws Exception {
        admin = console.server().admin();
        graph = GraphStandIn.start();
    }

    @AfterAll
    static void stop() {
        graph.close();
    }

    @Test
    void aGraphAccountIsCreatedTestedMadeActiveAndSendsTheTestEmailWithoutShowingASecret() throws Exception {
        List<String> seen = new ArrayList<>();
        ObjectNode body = ConsoleClient.JSON.createObjectNode().put("name", "Exchange Online API").put("type", "graph")
                .put("active", false).put("maxConnections", 4);
        body.putObject("graph").put("tenantId", GraphStandIn.TENANT).put("clientId", GraphStandIn.CLIENT_ID)
                .put("clientSecret", GraphStandIn.CLIENT_SECRET).put("mailbox", GraphStandIn.MAILBOX)
                .put("secretExpiresOn", "2027-06-30").put("tokenUrl", graph.url()).put("graphUrl", graph.url());
        HttpResponse<String> created = admin.postJson("/api/v1/accounts", body.toString());
        assertEquals(201, created.statusCode(), created.body());
        seen.add(created.body());
        JsonNode account = admin.json(created);
        long id = account.get("id").asLong();
        assertEquals("graph", account.get("type").asText());
        assertTrue(account.get("server").isNull() && account.get("authentication").isNull(), created.body());
        assertTrue(account.get("graph").get("clientSecretSet").asBoolean(), created.body());
        assertEquals("2027-06-30", account.get("graph").get("secretExpiresOn").asText());

        ObjectNode unknown = body.deepCopy();
        unknown.put("name", "Wrong");
        ((ObjectNode) unknown.get("graph")).put("clientSecrett", "x");
        HttpResponse<String> refused = admin.postJson("/api/v1/accounts", unknown.toString());
        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("graph.clientSecrett"), refused.body());

        HttpResponse<String> tested = admin.postJson("/api/v1/accounts/" + id + "/test", "{}");
        seen.add(tested.body());
        JsonNode test = admin.json(tested);
        assertTrue(test.get("ok").asBoolean(), tested.body());
        assertTrue(test.get("message").asText().contains("The mailbox " + GraphStandIn.MAILBOX + " exists"), tested.body());
        assertEquals(0, graph.sendRequests(), "Test Connection sends nothing");

        HttpResponse<String> active = admin.postJson("/api/v1/accounts/" + id + "/make-active",
                "{\"version\": " + account.get("version").asLong() + "}");
        assertEquals(200, active.statusCode(), active.body());
        seen.add(active.body());

        HttpResponse<String> sent = admin.postJson("/api/v1/test-email", "{\"to\": \"someone@customer.example\"}");
        seen.add(sent.body());
        JsonNode email = admin.json(sent);
        assertTrue(email.get("ok").asBoolean(), sent.body());
        assertEquals(1, graph.sent().size());
        assertTrue(graph.sent().get(0).text().contains("someone@customer.example"));

        seen.add(admin.get("/api/v1/accounts").body());
        seen.add(admin.get("/api/v1/accounts/" + id).body());
        String diagnostics = admin.get("/api/v1/diagnostics").body();
        seen.add(diagnostics);
        JsonNode inEffect = ConsoleClient.JSON.readTree(diagnostics).get("outbound").get("account");
        assertEquals("2027-06-30", inEffect.get("secretExpiresOn").asText(), diagnostics);
        assertTrue(inEffect.get("expiryWarning").isNull(), "more than 30 days ahead: no warning");
        String page = admin.get("/diagnostics").body();
        assertTrue(page.contains("id=\"outbound-expiry\">2027-06-30"), page);
        seen.add(admin.get("/api/v1/emails?mailbox=sent").body());
        seen.add(admin.get("/accounts/" + id).body());
        seen.add(admin.get("/accounts").body());
        seen.add(admin.get("/diagnostics").body());
        seen.add(admin.get("/emails?mailbox=sent").body());
        for (String text : seen) {
            assertFalse(text.contains(GraphStandIn.CLIENT_SECRET), "the client secret shown");
            assertFalse(text.contains(GraphStandIn.TOKEN_PREFIX), "a token shown");
        }
        assertTrue(seen.get(seen.size() - 3).contains(GraphStandIn.MAILBOX), "the list shows the mailbox");

        // the built-in account sends again, for the other tests of this console
        JsonNode builtIn = null;
        for (JsonNode a : admin.json(admin.get("/api/v1/accounts")).get("accounts")) {
            if (a.get("name").asText().equals("Default SMTP")) {
                builtIn = a;
            }
        }
        assertEquals(200, admin.postJson("/api/v1/accounts/" + builtIn.get("id").asLong() + "/make-active",
                "{\"version\": " + builtIn.get("version").asLong() + "}").statusCode());
    }
}
