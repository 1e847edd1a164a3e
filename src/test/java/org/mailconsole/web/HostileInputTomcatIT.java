package org.mailconsole.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mailconsole.testing.ConsoleClient;

/**
 * The hostile sweep ({@link HostileSweep}) in the real Tomcat 10.1 (Cargo), shorter than on Jetty
 * (3,000 requests; -Dhostile.tomcat.requests=N). The Tomcat is shared with the other *TomcatIT
 * classes, so the sweep's accounts and property values are put back afterwards.
 */
class HostileInputTomcatIT {
    private static final long SEED = Long.getLong("hostile.seed", HostileSweep.DEFAULT_SEED);
    private static final int REQUESTS = Integer.getInteger("hostile.tomcat.requests", 3_000);

    @Test
    void hostileRequestsGetNo5xxAndRefusedOnesChangeNothing() throws Exception {
        assumeFalse(Boolean.getBoolean("it.tomcat.skipped"), "Tomcat not started (-Dcargo.skip=true)");
        String url = System.getProperty("it.tomcat.url");
        String user = System.getProperty("it.admin.user");
        String password = System.getProperty("it.admin.password");
        ConsoleClient admin = new ConsoleClient(url, user, password);
        JsonNode properties = admin.properties();
        Map<Long, JsonNode> accounts = new HashMap<>();
        admin.json(admin.get("/api/v1/accounts")).get("accounts").forEach(a -> accounts.put(a.get("id").asLong(), a));
        try {
            new HostileSweep(url, user, password, SEED, REQUESTS).withoutConnect().run();
        } finally {
            putBack(admin, properties, accounts);
        }
    }

    private static void putBack(ConsoleClient admin, JsonNode properties, Map<Long, JsonNode> accounts) {
        Map<String, String> values = new LinkedHashMap<>();
        for (JsonNode property : properties.get("properties")) {
            boolean secret = property.get("type").asText().equals("secret");
            if (secret && property.get("set").asBoolean()) {
                continue; // a stored secret cannot be read back; none is set before the sweep
            }
            values.put(property.get("name").asText(), secret || property.get("value").isNull()
                    ? null : property.get("value").asText());
        }
        ObjectNode patch = ConsoleClient.JSON.createObjectNode();
        patch.put("version", admin.properties().get("version").asLong());
        ObjectNode valueNode = patch.putObject("values");
        values.forEach(valueNode::put);
        HttpResponse<String> patched = admin.patchJson("/api/v1/properties", patch.toString());
        assertEquals(200, patched.statusCode(), patched.body());

        for (JsonNode account : admin.json(admin.get("/api/v1/accounts")).get("accounts")) {
            long id = account.get("id").asLong();
            if (!accounts.containsKey(id)) {
                assertEquals(204, admin.delete("/api/v1/accounts/" + id).statusCode());
            }
        }
        for (boolean activating : new boolean[] {false, true}) { // deactivate first: one active SMTP account
            for (JsonNode account : admin.json(admin.get("/api/v1/accounts")).get("accounts")) {
                JsonNode before = accounts.get(account.get("id").asLong());
                if (before.get("active").asBoolean() == activating && !before.equals(account)) {
                    put(admin, account, before);
                }
            }
        }
    }

    private static void put(ConsoleClient admin, JsonNode current, JsonNode before) {
        ObjectNode body = before.get("provisioned").asBoolean()
                ? ConsoleClient.JSON.createObjectNode() : (ObjectNode) before.deepCopy();
        body.put("version", current.get("version").asLong());
        body.put("active", before.get("active").asBoolean());
        HttpResponse<String> response = admin.putJson("/api/v1/accounts/" + current.get("id").asText(), body.toString());
        assertEquals(200, response.statusCode(), response.body());
    }
}
