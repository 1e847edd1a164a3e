package org.mailconsole.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailconsole.testing.ConsoleServer;
import org.mailconsole.testing.LogCapture;

/**
 * Issue 23 item 4 in Jetty (the embedded one of the other ITs): unset, Diagnostics warns that the
 * console shares its origin; a bad value refuses the start with a message naming the setting; set to
 * ports Jetty does not listen on, every authenticated request gets a bare 404.
 */
class ConsolePortsIT {
    @TempDir
    Path dataDir;

    @Test
    void unsetDiagnosticsWarnsOfTheSharedOrigin() throws Exception {
        try (ConsoleServer server = new ConsoleServer(dataDir).start()) {
            String json = server.viewer().get("/api/v1/diagnostics").body();
            assertTrue(json.contains("\"security\":[\"The console shares its origin"), json);
            assertTrue(server.viewer().get("/diagnostics").body().contains("shares its origin"));
        }
    }

    @Test
    void aBadValueRefusesTheStart() {
        try (LogCapture logs = new LogCapture()) {
            assertThrows(Exception.class, () -> new ConsoleServer(dataDir, Map.of("mailconsole.console.ports", "8443;9443"))
                    .start().close());
            assertTrue(logs.text().contains("context parameter mailconsole.console.ports must be a comma-separated list "
                    + "of port numbers"), logs.text());
        }
    }

    @Test
    void anotherPortGetsABare404() throws Exception {
        try (ConsoleServer server = new ConsoleServer(dataDir, Map.of("mailconsole.console.ports", "1,2")).start()) {
            for (String path : new String[] {"/", "/properties/email", "/api/v1/health", "/api/v1/diagnostics", "/metrics",
                    "/static/console.css"}) {
                HttpResponse<String> answer = server.admin().get(path);
                assertEquals(404, answer.statusCode(), path);
                assertEquals("Not Found\n", answer.body(), path);
            }
        }
    }
}
