package org.mailconsole.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailconsole.testing.ConsoleClient;
import org.mailconsole.testing.ConsoleServer;
import org.mailconsole.testing.LogCapture;

/** A secret set through the form or the API shows up in no page, no API answer, no log line, no database file. */
class SecretsIT {
    static final String FORM_CANARY = "canary-form-Zx81q";
    static final String API_CANARY = "canary-api-Qw27p";

    @TempDir
    Path dataDir;

    @Test
    void secretsNeverLeak() throws Exception {
        StringBuilder seen = new StringBuilder();
        try (LogCapture logs = new LogCapture(); ConsoleServer server = new ConsoleServer(dataDir).start()) {
            ConsoleClient admin = server.admin();
            String page = admin.get("/properties/email").body();
            assertEquals(303, admin.postForm("/properties/email", PropertiesPageIT.form(page,
                    Map.of("glide.email.user_password", FORM_CANARY))).statusCode());
            long version = admin.properties().get("version").asLong();
            var patched = admin.patchJson("/api/v1/properties",
                    PropertiesApiIT.patchBody(version, Map.of("glide.pop3.password", API_CANARY)));
            assertEquals(200, patched.statusCode());
            seen.append(patched.body());
            // a refused request that carries a secret must not echo it either
            var refused = admin.patchJson("/api/v1/properties", PropertiesApiIT.patchBody(version,
                    Map.of("glide.pop3.password", API_CANARY, "glide.smtp.port", "0")));
            assertEquals(400, refused.statusCode());
            seen.append(refused.body());
            var invalid = admin.postForm("/properties/email", PropertiesPageIT.form(admin.get("/properties/email").body(),
                    Map.of("glide.email.user_password", FORM_CANARY, "glide.smtp.port", "0")));
            assertEquals(400, invalid.statusCode());
            seen.append(invalid.body());

            seen.append(admin.get("/properties/email").body());
            seen.append(admin.get("/api/v1/properties").body());
            seen.append(server.viewer().get("/properties/email").body());
            assertTrue(admin.property("glide.email.user_password").get("set").asBoolean());
            assertTrue(admin.property("glide.pop3.password").get("set").asBoolean());

            server.restart();
            seen.append(server.admin().get("/properties/email").body());
            seen.append(server.admin().get("/api/v1/properties").body());
            server.stop();
            seen.append(logs.text());
            assertTrue(logs.text().contains("Mail Console"), "the capture did see the console's logs");
        }
        assertFalse(seen.toString().contains(FORM_CANARY), "form secret leaked");
        assertFalse(seen.toString().contains(API_CANARY), "API secret leaked");

        try (Stream<Path> files = Files.walk(dataDir.resolve("db"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertFalse(content.contains(FORM_CANARY), file + " holds the form secret in clear");
                assertFalse(content.contains(API_CANARY), file + " holds the API secret in clear");
            }
        }
    }
}
