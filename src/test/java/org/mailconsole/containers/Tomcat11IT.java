package org.mailconsole.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.mailconsole.testing.ConsoleClient;
import org.mailconsole.testing.ConsoleServer;
import org.mailconsole.testing.Ports;
import org.mailconsole.testing.RealTomcat;
import org.mailconsole.testing.SharingApp;
import org.mailconsole.testing.SharingScenario;

/**
 * Tomcat 11 (Servlet 6.1) from its Maven Central zip: the console WAR alone (its own classes,
 * parent-first through its META-INF/context.xml), and the shared session set up with the README's
 * Tomcat steps and the snippets of conf/shared/tomcat/, with a second webapp.
 */
class Tomcat11IT {
    static final String ADMIN = "tomcat11-admin";
    static final String ADMIN_PASSWORD = "tomcat11-admin-pw";
    static final Path WORK = Path.of(System.getProperty("it.shared.work", "target/it-shared")).resolve("tomcat11");

    private static RealTomcat unpack(String name, int basePort) throws Exception {
        return RealTomcat.unpack(Path.of(System.getProperty("it.tomcat11.zip")), WORK.resolve(name), Ports.of(basePort));
    }

    @Test
    void theConsoleAlone() throws Exception {
        try (RealTomcat tomcat = unpack("console-alone", 30152)) {
            tomcat.serverXml("");
            tomcat.contextXml("");
            tomcat.users(ADMIN, ADMIN_PASSWORD, "mail-admin");
            tomcat.deploy(ConsoleServer.war(), "mail-console");
            tomcat.start(Duration.ofSeconds(90), "/mail-console/api/v1/health");

            ConsoleClient admin = new ConsoleClient(tomcat.url("/mail-console"), ADMIN, ADMIN_PASSWORD);
            assertEquals(200, admin.get("/api/v1/health").statusCode());
            assertEquals(401, new ConsoleClient(tomcat.url("/mail-console"), null, null).get("/api/v1/health").statusCode());
            String patch = "{\"version\": " + admin.properties().get("version").asLong()
                    + ", \"values\": {\"glide.smtp.port\": \"2525\"}}";
            assertEquals(200, admin.patchJson("/api/v1/properties", patch).statusCode());
            assertEquals(409, admin.patchJson("/api/v1/properties", patch).statusCode(), "a stale version");
            assertEquals("2525", admin.property("glide.smtp.port").get("effective").asText());
            assertEquals(200, admin.get("/properties/email").statusCode(), "the page renders on Tomcat 11");
            assertTrue(Files.exists(tomcat.base().resolve("mail-console/db/mailconsole.script")));
            String logs = tomcat.logs();
            assertTrue(logs.contains("Apache Tomcat/11."), "not a Tomcat 11:\n" + logs);
            assertFalse(logs.contains("SEVERE"), logs);
        }
    }

    @Test
    void theSharedSessionWithASecondWebapp() throws Exception {
        try (RealTomcat tomcat = unpack("shared", 30153)) {
            Path snippets = Path.of(System.getProperty("it.shared.conf", "conf/shared/tomcat"));
            tomcat.serverXml(Files.readString(snippets.resolve("server.xml-GlobalNamingResources.xml")));
            tomcat.contextXml(Files.readString(snippets.resolve("context.xml-ResourceLink.xml")));
            tomcat.users(ADMIN, ADMIN_PASSWORD, "mail-admin");
            tomcat.addLibs(Path.of(System.getProperty("it.shared.bundle", "target/mail-console-shared/lib")));
            tomcat.deploy(ConsoleServer.war(), "mail-console");
            tomcat.deploy(SharingApp.war(WORK.resolve("sharing-app.war")), "sharing-app");
            tomcat.start(Duration.ofSeconds(90), "/mail-console/api/v1/health");

            ConsoleClient admin = new ConsoleClient(tomcat.url("/mail-console"), ADMIN, ADMIN_PASSWORD);
            try (SharingScenario scenario = new SharingScenario(admin, tomcat.url("/sharing-app/send"))) {
                scenario.run(tomcat::logs);
                scenario.switchAccounts();
            }
            String logs = tomcat.logs();
            assertTrue(logs.contains("shared mode"), "the console did not join the shared session's database:\n" + logs);
            assertTrue(logs.contains("Apache Tomcat/11."), "not a Tomcat 11:\n" + logs);
            assertFalse(logs.contains("SEVERE"), logs);
        }
    }
}
