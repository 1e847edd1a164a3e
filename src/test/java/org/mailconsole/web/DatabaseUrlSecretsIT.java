package org.mailconsole.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailconsole.testing.ConsoleClient;
import org.mailconsole.testing.ConsoleServer;
import org.mailconsole.testing.LogCapture;

/**
 * Issue 23 item 5: the credentials a JDBC URL carries (here an encrypted HSQLDB's crypt_key, and a
 * pgjdbc-style sslpassword HSQLDB ignores) reach no page, no API answer and no log line, at any
 * log level, across a start, a restart and a stop.
 */
class DatabaseUrlSecretsIT {
    static final String CRYPT_KEY = "604a6105889da65326bf35790a923932";
    static final String SSL_PASSWORD = "sslpw-canary-Hq71";

    @TempDir
    Path dataDir;

    @Test
    void theUrlsCredentialsShowNowhere() throws Exception {
        String url = "jdbc:hsqldb:file:" + dataDir.resolve("db/mailconsole").toAbsolutePath()
                + ";crypt_key=" + CRYPT_KEY + ";crypt_type=AES;sslpassword=" + SSL_PASSWORD
                + ";hsqldb.default_table_type=cached;hsqldb.write_delay=false";
        StringBuilder seen = new StringBuilder();
        try (LogCapture logs = new LogCapture();
             ConsoleServer server = new ConsoleServer(dataDir, Map.of("mailconsole.db.url", url)).start()) {
            for (ConsoleClient client : new ConsoleClient[] {server.admin(), server.viewer()}) {
                for (String path : new String[] {"/diagnostics", "/api/v1/diagnostics", "/api/v1/health",
                        "/properties/email", "/accounts", "/emails"}) {
                    HttpResponse<String> answer = client.get(path);
                    assertEquals(200, answer.statusCode(), path);
                    seen.append(answer.body()).append(answer.headers());
                }
            }
            String diagnostics = server.viewer().get("/api/v1/diagnostics").body();
            assertTrue(diagnostics.contains("crypt_key=***"), "the viewer sees the URL, masked: " + diagnostics);
            server.restart();
            seen.append(server.admin().get("/diagnostics").body());
            server.stop();
            seen.append(logs.text());
            assertTrue(logs.text().contains("Mail Console database ready"), "the capture saw the console's logs");
        }
        // the key still reached HSQLDB (as a connection property now): the database's script is encrypted
        String script = new String(Files.readAllBytes(dataDir.resolve("db/mailconsole.script")), StandardCharsets.ISO_8859_1);
        assertFalse(script.contains("CREATE") || script.contains("flyway_schema_history"), "the database is not encrypted");
        assertFalse(seen.toString().contains(CRYPT_KEY), "the crypt_key leaked:\n" + seen);
        assertFalse(seen.toString().contains(SSL_PASSWORD), "the sslpassword leaked");
    }
}
