package org.mailconsole.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mailconsole.model.PropertyCatalog;
import org.mailconsole.model.PropertyDef;
import org.mailconsole.testing.ConsoleClient;

/**
 * The WAR in a real Tomcat 10.1, installed from its Maven Central zip and started by Cargo
 * (pom.xml, pre-integration-test), with users from Tomcat's own realm (tomcat-users.xml).
 */
class PropertiesTomcatIT {
    static final String CANARY = "canary-tomcat-Hq73v";
    static String url;
    static ConsoleClient admin;

    @BeforeAll
    static void tomcat() {
        assumeFalse(Boolean.getBoolean("it.tomcat.skipped"), "Tomcat not started (-Dcargo.skip=true)");
        url = System.getProperty("it.tomcat.url");
        admin = new ConsoleClient(url, System.getProperty("it.admin.user"), System.getProperty("it.admin.password"));
    }

    @Test
    void servesThePageAndTheApi() {
        HttpResponse<String> page = admin.get("/properties/email");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("System Properties &gt; Email"));
        assertEquals("DENY", page.headers().firstValue("X-Frame-Options").orElse(""));
        assertEquals(200, admin.get("/api/v1/health").statusCode());
        assertEquals(302, admin.get("/").statusCode());
        assertEquals(200, admin.get("/static/console.css").statusCode());
    }

    @Test
    void everyPropertyRoundTripsThroughTheApiAndTheForm() {
        Map<String, String> values = PropertiesApiIT.everyPropertySet();
        values.put("glide.email.user_password", CANARY);
        long version = admin.properties().get("version").asLong();
        HttpResponse<String> patched = admin.patchJson("/api/v1/properties", PropertiesApiIT.patchBody(version, values));
        assertEquals(200, patched.statusCode(), patched.body());
        for (PropertyDef def : PropertyCatalog.all()) {
            if (def.secret()) {
                assertTrue(admin.property(def.name()).get("set").asBoolean());
            } else {
                assertEquals(values.get(def.name()), admin.property(def.name()).get("value").asText(), def.name());
            }
        }
        String page = admin.get("/properties/email").body();
        assertFalse(page.contains(CANARY));
        HttpResponse<String> form = admin.postForm("/properties/email",
                PropertiesPageIT.form(page, Map.of("glide.smtp.port", "2626", "glide.smtp.auth", "false",
                        // a port change asks for the stored password again (StoredSecretRule)
                        "glide.email.user_password", CANARY)));
        assertEquals(303, form.statusCode(), form.body());
        assertEquals("2626", admin.property("glide.smtp.port").get("value").asText());
        assertEquals("false", admin.property("glide.smtp.auth").get("effective").asText());

        Map<String, String> resets = new HashMap<>();
        PropertyCatalog.all().forEach(def -> resets.put(def.name(), null));
        long now = admin.properties().get("version").asLong();
        assertEquals(200, admin.patchJson("/api/v1/properties", PropertiesApiIT.patchBody(now, resets)).statusCode());
    }

    @Test
    void badInputIsRefusedAndChangesNothing() {
        String before = admin.get("/api/v1/properties").body();
        long version = admin.properties().get("version").asLong();
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("glide.smtp.port", "70000");
        bad.put("glide.email.server", "fine.example.com");
        HttpResponse<String> response = admin.patchJson("/api/v1/properties", PropertiesApiIT.patchBody(version, bad));
        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("glide.smtp.port"));
        assertEquals(400, admin.patchJson("/api/v1/properties", "{not json").statusCode());
        assertEquals(before, admin.get("/api/v1/properties").body());
    }

    @Test
    void tomcatsRealmGuardsEveryUrl() {
        ConsoleClient anonymous = new ConsoleClient(url, null, null);
        assertEquals(401, anonymous.get("/properties/email").statusCode());
        assertEquals(401, anonymous.get("/api/v1/properties").statusCode());
        ConsoleClient viewer = new ConsoleClient(url, System.getProperty("it.viewer.user"),
                System.getProperty("it.viewer.password"));
        assertEquals(200, viewer.get("/api/v1/properties").statusCode());
        assertEquals(403, viewer.patchJson("/api/v1/properties", "{\"version\":1,\"values\":{}}").statusCode());
        long version = admin.properties().get("version").asLong();
        assertEquals(403, admin.sendJson("PATCH", "/api/v1/properties",
                "{\"version\":" + version + ",\"values\":{\"glide.smtp.port\":\"2525\"}}", false).statusCode());
    }

    @Test
    void theSecretIsNotInTomcatsOutput() throws Exception {
        long version = admin.properties().get("version").asLong();
        assertEquals(200, admin.patchJson("/api/v1/properties",
                PropertiesApiIT.patchBody(version, Map.of("glide.pop3.password", CANARY))).statusCode());
        Path output = Path.of(System.getProperty("it.tomcat.output"));
        String log = Files.readString(output);
        assertTrue(log.contains("Mail Console"), "Tomcat's output holds the console's log lines");
        assertFalse(log.contains(CANARY));
        Map<String, String> reset = new HashMap<>();
        reset.put("glide.pop3.password", null);
        long now = admin.properties().get("version").asLong();
        assertEquals(200, admin.patchJson("/api/v1/properties", PropertiesApiIT.patchBody(now, reset)).statusCode());
    }
}
