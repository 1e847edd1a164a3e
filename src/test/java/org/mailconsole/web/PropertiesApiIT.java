package org.mailconsole.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mailconsole.model.PropertyCatalog;
import org.mailconsole.model.PropertyDef;
import org.mailconsole.testing.ConsoleClient;
import org.mailconsole.testing.ConsoleServer;
import org.mailconsole.testing.RunningConsole;

/** GET/PATCH /api/v1/properties and /health on the real WAR in embedded Jetty 12. */
class PropertiesApiIT {
    @RegisterExtension
    static final RunningConsole console = new RunningConsole();
    static ConsoleServer server;
    static ConsoleClient admin;

    @BeforeAll
    static void start() {
        server = console.server();
        admin = server.admin();
    }

    /** A valid, non-default value for every property of the catalog. */
    static Map<String, String> everyPropertySet() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("glide.email.server", "smtp.example.com");
        values.put("glide.smtp.port", "2525");
        values.put("glide.smtp.encryption", "ssl");
        values.put("glide.smtp.auth", "true");
        values.put("glide.email.user", "helpdesk@example.com");
        values.put("glide.email.user_password", "api-secret-1");
        values.put("glide.email.username", "Help Desk");
        values.put("glide.smtp.connection_timeout", "5000");
        values.put("glide.smtp.timeout", "7000");
        values.put("glide.email.smtp.active", "false");
        values.put("glide.email.test.user", "qa@example.com,qa2@example.com");
        values.put("glide.smtp.defer_retry_ids", "421,450");
        values.put("glide.smtp.fail_message_ids", "550,554");
        values.put("glide.smtp.default_retry", "false");
        values.put("glide.smtp.retry_backoff", "30,120,600");
        values.put("glide.smtp.throttle_codes", "421,4.7.1");
        values.put("glide.email.log.retention_days", "14");
        values.put("glide.email.smtp.max_send", "10");
        values.put("glide.email.smtp.max_recipients", "5");
        values.put("glide.smtp.precedence_bulk", "true");
        values.put("glide.email.read.active", "false");
        values.put("glide.pop3.server", "pop.example.com");
        values.put("glide.pop3.port", "1995");
        values.put("glide.pop3.user", "inbox");
        values.put("glide.pop3.password", "api-secret-2");
        values.put("glide.pop3.secure", "true");
        return values;
    }

    static String patchBody(long version, Map<String, String> values) {
        ObjectNode body = ConsoleClient.JSON.createObjectNode();
        body.put("version", version);
        ObjectNode valueNode = body.putObject("values");
        values.forEach(valueNode::put);
        return body.toString();
    }

    @Test
    void everyPropertyRoundTripsAndSurvivesARestart() throws Exception {
        Map<String, String> values = everyPropertySet();
        assertEquals(PropertyCatalog.all().size(), values.size(), "the test must cover every property");
        long version = admin.properties().get("version").asLong();

        HttpResponse<String> patched = admin.patchJson("/api/v1/properties", patchBody(version, values));
        assertEquals(200, patched.statusCode(), patched.body());
        assertEquals(version + 1, admin.json(patched).get("version").asLong());

        server.restart();
        ConsoleClient afterRestart = server.admin();
        for (PropertyDef def : PropertyCatalog.all()) {
            JsonNode property = afterRestart.property(def.name());
            if (def.secret()) {
                assertTrue(property.get("set").asBoolean(), def.name());
                assertTrue(property.get("value").isNull(), def.name());
                assertTrue(property.get("effective").isNull(), def.name());
            } else {
                assertEquals(values.get(def.name()), property.get("value").asText(), def.name());
                assertEquals(values.get(def.name()), property.get("effective").asText(), def.name());
            }
        }
        assertFalse(afterRestart.get("/api/v1/properties").body().contains("api-secret"));

        // reset everything so the other tests start from defaults
        Map<String, String> resets = new LinkedHashMap<>();
        values.keySet().forEach(name -> resets.put(name, null));
        long now = afterRestart.properties().get("version").asLong();
        HttpResponse<String> reset = afterRestart.patchJson("/api/v1/properties", patchBody(now, resets));
        assertEquals(200, reset.statusCode(), reset.body());
        admin = afterRestart;
        assertEquals("25", admin.property("glide.smtp.port").get("effective").asText());
        assertFalse(admin.property("glide.pop3.password").get("set").asBoolean());
    }

    @Test
    void fallbacksShowTheValueInEffect() {
        long version = admin.properties().get("version").asLong();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("glide.email.server", "mail.example.org");
        values.put("glide.email.user", "helpdesk@example.org");
        values.put("glide.email.user_password", "fallback-secret");
        assertEquals(200, admin.patchJson("/api/v1/properties", patchBody(version, values)).statusCode());

        JsonNode server = admin.property("glide.pop3.server");
        assertTrue(server.get("value").isNull());
        assertEquals("mail.example.org", server.get("effective").asText());
        assertEquals("glide.email.server", server.get("effectiveFrom").asText());
        JsonNode user = admin.property("glide.pop3.user");
        assertEquals("helpdesk", user.get("effective").asText());
        assertEquals("glide.email.user", user.get("effectiveFrom").asText());
        JsonNode password = admin.property("glide.pop3.password");
        assertFalse(password.get("set").asBoolean());
        assertTrue(password.get("effective").isNull());
        assertEquals("glide.email.user_password", password.get("effectiveFrom").asText());

        Map<String, String> resets = new LinkedHashMap<>();
        values.keySet().forEach(name -> resets.put(name, null));
        long now = admin.properties().get("version").asLong();
        assertEquals(200, admin.patchJson("/api/v1/properties", patchBody(now, resets)).statusCode());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            port 0                | {"glide.smtp.port": "0"}                          | glide.smtp.port
            port 70000            | {"glide.smtp.port": "70000"}                      | glide.smtp.port
            port abc              | {"glide.smtp.port": "abc"}                        | glide.smtp.port
            address without @     | {"glide.email.user": "helpdesk.example.com"}      | glide.email.user
            test user without @   | {"glide.email.test.user": "a@example.com,bad"}    | glide.email.test.user
            retry code 99x        | {"glide.smtp.defer_retry_ids": "421,99x"}         | glide.smtp.defer_retry_ids
            unknown property      | {"glide.smtp.nonsense": "1"}                      | glide.smtp.nonsense
            bad choice            | {"glide.smtp.encryption": "tls13"}                | glide.smtp.encryption
            bad boolean           | {"glide.smtp.auth": "yes"}                        | glide.smtp.auth
            bad host              | {"glide.email.server": "smtp example com"}        | glide.email.server
            number not string     | {"glide.smtp.port": 25}                           | glide.smtp.port
            boolean not string    | {"glide.smtp.auth": true}                         | glide.smtp.auth
            one bad among good    | {"glide.email.server": "ok.example.com", "glide.smtp.port": "0"} | glide.smtp.port
            """)
    void badValuesAreRefusedWithAFieldMessageAndChangeNothing(String caseName, String values, String field) {
        String before = admin.get("/api/v1/properties").body();
        long version = admin.json(admin.get("/api/v1/properties")).get("version").asLong();
        HttpResponse<String> response = admin.patchJson("/api/v1/properties",
                "{\"version\": " + version + ", \"values\": " + values + "}");
        assertRefused(response, field);
        assertEquals(before, admin.get("/api/v1/properties").body(), "nothing may change");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown JSON field   | {"version": 1, "values": {}, "extra": true}  | extra
            version as string    | {"version": "1", "values": {}}               | version
            version missing      | {"values": {"glide.smtp.port": "26"}}        | version
            values not an object | {"version": 1, "values": ["glide.smtp.port"]} | values
            body is an array     | []                                           | body
            """)
    void badRequestShapesAreRefused(String caseName, String body, String field) {
        String before = admin.get("/api/v1/properties").body();
        assertRefused(admin.patchJson("/api/v1/properties", body), field);
        assertEquals(before, admin.get("/api/v1/properties").body());
    }

    @Test
    void aOneMegabyteValueIsRefused() {
        String before = admin.get("/api/v1/properties").body();
        long version = admin.properties().get("version").asLong();
        String huge = "x".repeat(1_000_000); // just under the API's 1 MB body limit (a larger body is a 413)
        assertRefused(admin.patchJson("/api/v1/properties",
                patchBody(version, Map.of("glide.email.username", huge))), "glide.email.username");
        assertEquals(before, admin.get("/api/v1/properties").body());
    }

    @Test
    void malformedJsonIsRefused() {
        String before = admin.get("/api/v1/properties").body();
        HttpResponse<String> response = admin.patchJson("/api/v1/properties", "{\"version\": 1, \"values\": {");
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertTrue(admin.json(response).get("detail").asText().contains("not valid JSON"));
        assertEquals(before, admin.get("/api/v1/properties").body());
    }

    @Test
    void wrongContentTypeIsAProblemNotA500() {
        String before = admin.get("/api/v1/properties").body();
        HttpResponse<String> response = admin.send("PATCH", "/api/v1/properties", "text/plain",
                "glide.smtp.port=2525", true);
        assertEquals(415, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertEquals(before, admin.get("/api/v1/properties").body());
    }

    @Test
    void aStaleVersionGets409AndOverwritesNothing() {
        long version = admin.properties().get("version").asLong();
        HttpResponse<String> first = admin.patchJson("/api/v1/properties",
                patchBody(version, Map.of("glide.email.username", "First Writer")));
        assertEquals(200, first.statusCode(), first.body());

        HttpResponse<String> second = admin.patchJson("/api/v1/properties",
                patchBody(version, Map.of("glide.email.username", "Second Writer")));
        assertEquals(409, second.statusCode(), second.body());
        assertEquals(409, admin.json(second).get("status").asInt());
        assertEquals("First Writer", admin.property("glide.email.username").get("value").asText());

        long now = admin.properties().get("version").asLong();
        Map<String, String> reset = new LinkedHashMap<>();
        reset.put("glide.email.username", null);
        assertEquals(200, admin.patchJson("/api/v1/properties", patchBody(now, reset)).statusCode());
    }

    @Test
    void secretsAreWriteOnlyAndClearedByNull() {
        long version = admin.properties().get("version").asLong();
        HttpResponse<String> set = admin.patchJson("/api/v1/properties",
                patchBody(version, Map.of("glide.email.user_password", "write-only-secret")));
        assertEquals(200, set.statusCode());
        assertFalse(set.body().contains("write-only-secret"));
        JsonNode password = admin.property("glide.email.user_password");
        assertTrue(password.get("set").asBoolean());
        assertTrue(password.get("value").isNull());

        // absence keeps it
        long v2 = admin.properties().get("version").asLong();
        assertEquals(200, admin.patchJson("/api/v1/properties",
                patchBody(v2, Map.of("glide.email.username", "Keeper"))).statusCode());
        assertTrue(admin.property("glide.email.user_password").get("set").asBoolean());

        // null clears it
        long v3 = admin.properties().get("version").asLong();
        Map<String, String> clear = new LinkedHashMap<>();
        clear.put("glide.email.user_password", null);
        clear.put("glide.email.username", null);
        assertEquals(200, admin.patchJson("/api/v1/properties", patchBody(v3, clear)).statusCode());
        assertFalse(admin.property("glide.email.user_password").get("set").asBoolean());
    }

    @Test
    void healthReportsTheDatabase() {
        HttpResponse<String> response = admin.get("/api/v1/health");
        assertEquals(200, response.statusCode());
        JsonNode health = admin.json(response);
        assertEquals("UP", health.get("status").asText());
        assertEquals("UP", health.get("checks").get("database").asText());
    }

    @Test
    void unknownApiPathIsAProblem404() {
        HttpResponse<String> response = admin.get("/api/v1/nothing-here");
        assertEquals(404, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertEquals(404, admin.json(response).get("status").asInt());
    }

    private static void assertRefused(HttpResponse<String> response, String field) {
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        JsonNode problem = ConsoleClient.JSON.createObjectNode();
        try {
            problem = ConsoleClient.JSON.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError(response.body(), e);
        }
        boolean named = false;
        for (JsonNode error : problem.get("errors")) {
            if (error.get("field").asText().equals(field) && !error.get("message").asText().isBlank()) {
                named = true;
            }
        }
        assertTrue(named, "expected a message for " + field + " in " + response.body());
    }
}
