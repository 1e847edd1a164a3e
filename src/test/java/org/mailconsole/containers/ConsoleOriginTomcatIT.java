package org.mailconsole.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mailconsole.testing.ConsoleServer;
import org.mailconsole.testing.HttpProbe;
import org.mailconsole.testing.Ports;
import org.mailconsole.testing.RealTomcat;

/**
 * Issue 23 items 4 and 7 in a real Tomcat 10.1 (from its zip) with two connectors, as the README's
 * deploy steps set it up: the console's own port (mailconsole.console.ports as a context
 * parameter) and the webapps' port. On the webapps' port every request gets a bare 404, with or
 * without credentials; on the console's port it works, and behind a proxy that says https
 * (RemoteIpValve) the session cookie is Secure and HSTS is sent.
 */
class ConsoleOriginTomcatIT {
    static final String ADMIN = "origin-admin";
    static final String ADMIN_PASSWORD = "origin-admin-pw";
    static final Path WORK = Path.of(System.getProperty("it.shared.work", "target/it-shared")).resolve("console-origin");

    @Test
    void theConsoleAnswersOnItsOwnPortOnly() throws Exception {
        int consolePort = Ports.of(30155);
        int webappsPort = Ports.of(30154);
        try (RealTomcat tomcat = RealTomcat.unpack(Path.of(System.getProperty("it.shared.tomcat.zip")), WORK, consolePort)) {
            tomcat.serverXml("", "<Connector port=\"" + webappsPort + "\" address=\"127.0.0.1\" protocol=\"HTTP/1.1\"/>",
                    "autoDeploy=\"false\"",
                    "<Valve className=\"org.apache.catalina.valves.RemoteIpValve\" protocolHeader=\"X-Forwarded-Proto\"/>");
            tomcat.contextXml("<Parameter name=\"mailconsole.console.ports\" value=\"" + consolePort + "\" override=\"false\"/>");
            tomcat.users(ADMIN, ADMIN_PASSWORD, "mail-admin");
            tomcat.deploy(ConsoleServer.war(), "mail-console");
            tomcat.start(Duration.ofSeconds(90), "/mail-console/api/v1/health");

            String auth = HttpProbe.basic(ADMIN, ADMIN_PASSWORD);
            HttpProbe own = new HttpProbe("http://127.0.0.1:" + consolePort + "/mail-console");
            HttpProbe shared = new HttpProbe("http://127.0.0.1:" + webappsPort + "/mail-console");
            for (String path : List.of("/", "/properties/email", "/diagnostics", "/api/v1/properties", "/api/v1/health",
                    "/api/v1/diagnostics", "/metrics", "/static/console.css", "/no-such-page")) {
                for (Map<String, String> headers : List.of(Map.<String, String>of(), Map.of("Authorization", auth))) {
                    HttpProbe.Answer answer = shared.send("GET", path, headers, null, false);
                    assertEquals(404, answer.status(), path + " " + headers.keySet() + ": " + answer.body());
                    assertEquals("", answer.header("WWW-Authenticate"), path + ": the realm is not named");
                    assertFalse(answer.body().contains("Mail Console"), path + ": " + answer.body());
                }
            }
            HttpProbe.Answer change = shared.send("PATCH", "/api/v1/properties", Map.of("Authorization", auth,
                    "X-Requested-With", "t", "Content-Type", "application/json"), "{}".getBytes(), false);
            assertEquals(404, change.status(), change.body());

            assertEquals(200, own.send("GET", "/api/v1/health", Map.of("Authorization", auth), null, false).status());
            assertEquals(401, own.send("GET", "/api/v1/health", Map.of(), null, false).status());
            assertEquals(200, own.send("GET", "/metrics", Map.of("Authorization", auth), null, false).status());
            HttpProbe.Answer diagnostics = own.send("GET", "/api/v1/diagnostics", Map.of("Authorization", auth), null, false);
            assertEquals(200, diagnostics.status());
            assertFalse(diagnostics.body().contains("shares its origin"), diagnostics.body());

            // item 7: plain HTTP: neither HSTS nor a Secure cookie; behind a proxy that says https: both
            HttpProbe.Answer plain = own.send("GET", "/properties/email", Map.of("Authorization", auth), null, false);
            assertEquals(200, plain.status());
            assertEquals("", plain.header("Strict-Transport-Security"));
            assertTrue(plain.header("Set-Cookie").startsWith("JSESSIONID="), plain.headers().toString());
            assertFalse(plain.header("Set-Cookie").contains("Secure"), plain.header("Set-Cookie"));
            HttpProbe.Answer proxied = own.send("GET", "/properties/email", Map.of("Authorization", auth,
                    "X-Forwarded-Proto", "https"), null, false);
            assertEquals(200, proxied.status());
            assertEquals("max-age=31536000", proxied.header("Strict-Transport-Security"));
            assertTrue(proxied.header("Set-Cookie").startsWith("JSESSIONID="), proxied.headers().toString());
            assertTrue(proxied.header("Set-Cookie").contains("; Secure"), proxied.header("Set-Cookie"));
            assertTrue(proxied.header("Set-Cookie").contains("HttpOnly"), proxied.header("Set-Cookie"));

            String logs = tomcat.logs();
            assertTrue(logs.contains("answers on local port(s) [" + consolePort + "] only"), logs);
            assertFalse(logs.contains("SEVERE"), logs);
        }
    }
}
