package org.mailconsole.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mailconsole.testing.ConsoleClient;
import org.mailconsole.testing.RunningConsole;

/** /api/v1/address-filters on the real WAR (embedded Jetty): shapes, rules, bad input, check. */
class AddressFiltersApiIT {
    @RegisterExtension
    static final RunningConsole console = new RunningConsole();
    static ConsoleClient admin;

    @BeforeAll
    static void start() {
        admin = console.admin();
    }

    static ObjectNode filter(String name, String direction, boolean isDefault) {
        ObjectNode body = ConsoleClient.JSON.createObjectNode();
        body.put("name", name);
        body.put("direction", direction);
        body.put("active", true);
        body.put("isDefault", isDefault);
        ArrayNode lists = body.putArray("lists");
        ObjectNode deny = lists.addObject();
        deny.put("type", "deny");
        deny.putArray("domains").add("*.Blocked.example");
        deny.putArray("exceptions").add("ceo@x.blocked.example");
        return body;
    }

    static JsonNode create(ObjectNode body) {
        HttpResponse<String> created = admin.postJson("/api/v1/address-filters", body.toString());
        assertEquals(201, created.statusCode(), created.body());
        assertTrue(created.headers().firstValue("Location").orElse("").contains("/api/v1/address-filters/"));
        return admin.json(created);
    }

    static int filterCount() {
        return admin.json(admin.get("/api/v1/address-filters")).get("filters").size();
    }

    @Test
    void createReadReplaceDeleteAsDocumented() {
        JsonNode created = create(filter("Crud filter", "outbound", false));
        long id = created.get("id").asLong();
        assertEquals("outbound", created.get("direction").asText());
        assertTrue(created.get("active").asBoolean());
        assertFalse(created.get("isDefault").asBoolean());
        assertEquals(1, created.get("version").asLong());
        JsonNode list = created.get("lists").get(0);
        assertEquals("deny", list.get("type").asText());
        assertEquals("*.blocked.example", list.get("domains").get(0).asText(), "stored lower-case");
        assertEquals("ceo@x.blocked.example", list.get("exceptions").get(0).asText());

        JsonNode read = admin.json(admin.get("/api/v1/address-filters/" + id));
        assertEquals(created, read);

        ObjectNode edit = read.deepCopy();
        edit.put("name", "Crud filter renamed");
        ObjectNode allow = ((ArrayNode) edit.get("lists")).addObject();
        allow.put("type", "allow");
        allow.putArray("domains").add("corp.example");
        HttpResponse<String> put = admin.putJson("/api/v1/address-filters/" + id, edit.toString());
        assertEquals(200, put.statusCode(), put.body());
        assertEquals(2, admin.json(put).get("version").asLong());
        assertEquals(2, admin.json(put).get("lists").size());

        HttpResponse<String> stale = admin.putJson("/api/v1/address-filters/" + id, edit.toString());
        assertEquals(409, stale.statusCode(), stale.body());
        assertTrue(stale.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));

        assertEquals(409, admin.delete("/api/v1/address-filters/" + id + "?version=1").statusCode(), "stale delete");
        assertEquals(204, admin.delete("/api/v1/address-filters/" + id + "?version=2").statusCode());
        assertEquals(404, admin.get("/api/v1/address-filters/" + id).statusCode());
        assertEquals(404, admin.get("/api/v1/address-filters/nope").statusCode());
    }

    @Test
    void badFiltersGet400NamingTheFieldAndSaveNothing() {
        int before = filterCount();
        assertBad(b -> ((ObjectNode) b.get("lists").get(0)).putArray("domains").add("corp example"), "lists[0].domains[0]");
        assertBad(b -> ((ObjectNode) b.get("lists").get(0)).putArray("exceptions").add("not-an-address"),
                "lists[0].exceptions[0]");
        assertBad(b -> ((ObjectNode) b.get("lists").get(0)).put("type", "maybe"), "lists[0].type");
        assertBad(b -> b.put("direction", "sideways"), "direction");
        assertBad(b -> b.put("colour", "red"), "colour");
        assertBad(b -> ((ObjectNode) b.get("lists").get(0)).put("priority", 1), "lists[0].priority");
        assertBad(b -> b.put("name", "  "), "name");
        assertBad(b -> b.remove("name"), "name");
        assertBad(b -> b.put("active", "yes"), "active");
        assertBad(b -> ((ObjectNode) b.get("lists").get(0)).putArray("domains").add(5), "lists[0].domains[0]");
        assertEquals(before, filterCount(), "nothing was saved");
    }

    private static void assertBad(Consumer<ObjectNode> spoil, String field) {
        ObjectNode body = filter("Bad filter", "outbound", false);
        spoil.accept(body);
        HttpResponse<String> response = admin.postJson("/api/v1/address-filters", body.toString());
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        List<String> fields = admin.json(response).get("errors").findValuesAsText("field");
        assertTrue(fields.contains(field), "expected an error at " + field + ": " + response.body());
    }

    @Test
    void aSecondDefaultOfADirectionAndADuplicateNameGet409() {
        JsonNode first = create(filter("Default out", "outbound", true));
        JsonNode inbound = create(filter("Default in", "inbound", true)); // the other direction has its own default
        HttpResponse<String> second = admin.postJson("/api/v1/address-filters",
                filter("Another default out", "outbound", true).toString());
        assertEquals(409, second.statusCode(), second.body());
        assertTrue(second.body().contains("Default out"), "names the current default: " + second.body());
        assertEquals("isDefault", admin.json(second).get("errors").get(0).get("field").asText());

        HttpResponse<String> duplicate = admin.postJson("/api/v1/address-filters",
                filter("DEFAULT OUT", "outbound", false).toString());
        assertEquals(409, duplicate.statusCode(), duplicate.body());
        assertEquals("name", admin.json(duplicate).get("errors").get(0).get("field").asText());

        // making another one the default by PUT is refused the same way
        JsonNode other = create(filter("Not default", "outbound", false));
        ObjectNode edit = other.deepCopy();
        edit.put("isDefault", true);
        assertEquals(409, admin.putJson("/api/v1/address-filters/" + other.get("id").asLong(), edit.toString()).statusCode());
        // after clearing the first, it is allowed
        ObjectNode clear = first.deepCopy();
        clear.put("isDefault", false);
        assertEquals(200, admin.putJson("/api/v1/address-filters/" + first.get("id").asLong(), clear.toString()).statusCode());
        assertEquals(200, admin.putJson("/api/v1/address-filters/" + other.get("id").asLong(), edit.toString()).statusCode());
        // tidy: not default any more, so the other tests see no default
        JsonNode now = admin.json(admin.get("/api/v1/address-filters/" + other.get("id").asLong()));
        ObjectNode off = now.deepCopy();
        off.put("isDefault", false);
        assertEquals(200, admin.putJson("/api/v1/address-filters/" + other.get("id").asLong(), off.toString()).statusCode());
        assertEquals(204, admin.delete("/api/v1/address-filters/" + inbound.get("id").asLong()).statusCode());
    }

    @Test
    void aFilterAnAccountNamesCannotBeDeletedAndAccountsNeedTheirDirection() {
        JsonNode out = create(filter("Named out", "outbound", false));
        JsonNode in = create(filter("Named in", "inbound", false));
        ObjectNode account = ConsoleClient.JSON.createObjectNode();
        account.put("name", "Filtered SMTP");
        account.put("type", "smtp");
        account.put("authentication", "none");
        account.put("server", "smtp.example.com");
        account.put("security", "ssl");
        account.put("addressFilterId", in.get("id").asLong());
        HttpResponse<String> wrongDirection = admin.postJson("/api/v1/accounts", account.toString());
        assertEquals(409, wrongDirection.statusCode(), wrongDirection.body());
        assertEquals("addressFilterId", admin.json(wrongDirection).get("errors").get(0).get("field").asText());
        account.put("addressFilterId", 999999);
        assertEquals(409, admin.postJson("/api/v1/accounts", account.toString()).statusCode(), "no such filter");

        account.put("addressFilterId", out.get("id").asLong());
        HttpResponse<String> created = admin.postJson("/api/v1/accounts", account.toString());
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(out.get("id").asLong(), admin.json(created).get("addressFilterId").asLong());

        HttpResponse<String> refused = admin.delete("/api/v1/address-filters/" + out.get("id").asLong());
        assertEquals(409, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("Filtered SMTP"), refused.body());
        assertEquals(200, admin.get("/api/v1/address-filters/" + out.get("id").asLong()).statusCode(), "still there");

        ObjectNode flip = ((ObjectNode) admin.json(admin.get("/api/v1/address-filters/" + out.get("id").asLong())).deepCopy());
        flip.put("direction", "inbound");
        assertEquals(409, admin.putJson("/api/v1/address-filters/" + out.get("id").asLong(), flip.toString()).statusCode(),
                "an SMTP account's filter cannot turn inbound");

        long accountId = admin.json(created).get("id").asLong();
        assertEquals(204, admin.delete("/api/v1/accounts/" + accountId).statusCode());
        assertEquals(204, admin.delete("/api/v1/address-filters/" + out.get("id").asLong()).statusCode());
    }

    @Test
    void checkSaysWhetherAnAddressPassesAndWhichListDecided() {
        ObjectNode body = filter("Corp only", "outbound", false);
        ArrayNode lists = (ArrayNode) body.putArray("lists");
        ObjectNode deny = lists.addObject();
        deny.put("type", "deny");
        deny.putArray("domains").add("*");
        ObjectNode allow = lists.addObject();
        allow.put("type", "allow");
        allow.putArray("domains").add("corp.example");
        long id = create(body).get("id").asLong();

        JsonNode ok = admin.json(admin.postJson("/api/v1/address-filters/check",
                "{\"address\": \"Jane@CORP.example\", \"direction\": \"outbound\", \"filterId\": " + id + "}"));
        assertTrue(ok.get("allowed").asBoolean());
        assertEquals(id, ok.get("filterId").asLong());
        assertEquals("Corp only", ok.get("filterName").asText());
        assertEquals(2, ok.get("list").asInt());
        JsonNode blocked = admin.json(admin.postJson("/api/v1/address-filters/check",
                "{\"address\": \"joe@gmail.example\", \"filterId\": " + id + "}"));
        assertFalse(blocked.get("allowed").asBoolean());
        assertTrue(blocked.get("reason").asText().contains("deny *"), blocked.toString());
        JsonNode invalid = admin.json(admin.postJson("/api/v1/address-filters/check",
                "{\"address\": \"not an address\", \"filterId\": " + id + "}"));
        assertFalse(invalid.get("allowed").asBoolean());
        assertTrue(invalid.get("reason").asText().contains("not a valid address"));

        // no filterId and no default: nothing applies
        JsonNode none = admin.json(admin.postJson("/api/v1/address-filters/check",
                "{\"address\": \"joe@gmail.example\", \"direction\": \"inbound\"}"));
        assertTrue(none.get("allowed").asBoolean());
        assertTrue(none.get("filterId").isNull());

        assertEquals(400, admin.postJson("/api/v1/address-filters/check", "{\"direction\": \"outbound\"}").statusCode());
        assertEquals(400, admin.postJson("/api/v1/address-filters/check", "{\"address\": \"a@b.example\", \"x\": 1}").statusCode());
        assertEquals(404, admin.postJson("/api/v1/address-filters/check",
                "{\"address\": \"a@b.example\", \"filterId\": 987654}").statusCode());
    }

    @Test
    void viewersMayLookButNotChange() {
        ConsoleClient viewer = console.server().viewer();
        assertEquals(200, viewer.get("/api/v1/address-filters").statusCode());
        assertEquals(403, viewer.postJson("/api/v1/address-filters", filter("Viewer's", "outbound", false).toString())
                .statusCode());
    }
}
