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
import org.mailconsole.testing.RealJetty;
import org.mailconsole.testing.SharingApp;
import org.mailconsole.testing.SharingScenario;

/**
 * Jetty 12 from its own distribution (jetty-home, the version the build uses), set up with the
 * project's conf/ files and start.jar commands exactly as the README's "Deploy" and "Jetty 12 (ee10)"
 * sections tell an admin: the console alone, and the shared session with a second webapp.
 */
class JettyDistributionIT {
    static final String ADMIN = "jetty-admin";
    static final String ADMIN_PASSWORD = "jetty-admin-pw";
    static final String VIEWER = "jetty-viewer";
    static final String VIEWER_PASSWORD = "jetty-viewer-pw";

    static final Path CONF = Path.of(System.getProperty("it.conf", "conf"));
    static final Path WORK = Path.of(System.getProperty("it.shared.work", "target/it-shared")).resolve("jetty");

    private static RealJetty jetty(String name, int basePort) throws Exception {
        RealJetty jetty = RealJetty.create(Path.of(System.getProperty("it.jetty.home.zip")), WORK, name,
                Ports.of(basePort));
        // README, Deploy > Jetty 12 (ee10)
        jetty.startJar("--add-modules=server,http,ee10-deploy,ee10-webapp");
        return jetty;
    }

    /** README, Deploy: the WAR and its context file in webapps/, the realm file in etc/. */
    private static void deployConsole(RealJetty jetty) throws Exception {
        jetty.copy(ConsoleServer.war(), "webapps/mail-console.war");
        jetty.copy(CONF.resolve("jetty/webapps/mail-console.xml"), "webapps/mail-console.xml");
        jetty.write("etc/mail-console-realm.properties", ADMIN + ": " + ADMIN_PASSWORD + ", mail-admin\n"
                + VIEWER + ": " + VIEWER_PASSWORD + ", mail-viewer\n");
    }

    @Test
    void theConsoleAloneAsTheReadmeDeploysIt() throws Exception {
        try (RealJetty jetty = jetty("console-alone", 30150)) {
            deployConsole(jetty);
            jetty.start(Duration.ofSeconds(90), "/mail-console/api/v1/health");

            ConsoleClient admin = new ConsoleClient(jetty.url("/mail-console"), ADMIN, ADMIN_PASSWORD);
            ConsoleClient viewer = new ConsoleClient(jetty.url("/mail-console"), VIEWER, VIEWER_PASSWORD);
            ConsoleClient anonymous = new ConsoleClient(jetty.url("/mail-console"), null, null);
            assertEquals(200, admin.get("/api/v1/health").statusCode());
            assertEquals(401, anonymous.get("/api/v1/properties").statusCode());
            String patch = "{\"version\": " + admin.properties().get("version").asLong()
                    + ", \"values\": {\"glide.smtp.port\": \"2525\"}}";
            assertEquals(403, viewer.patchJson("/api/v1/properties", patch).statusCode(), "a viewer may not change");
            assertEquals(200, admin.patchJson("/api/v1/properties", patch).statusCode());
            assertEquals("2525", viewer.property("glide.smtp.port").get("effective").asText());
            assertEquals(200, viewer.get("/properties/email").statusCode(), "the page renders on Jetty");

            // where the README says the data lives on Jetty
            assertTrue(Files.exists(jetty.base().resolve("mail-console/db/mailconsole.script")), "database under $JETTY_BASE");
            assertTrue(Files.exists(jetty.base().resolve("conf/mail-console.key")), "key file in $JETTY_BASE/conf");
            assertFalse(jetty.logs().contains("SEVERE"), jetty.logs());
        }
    }

    @Test
    void theSharedSessionWithASecondWebapp() throws Exception {
        try (RealJetty jetty = jetty("shared", 30151)) {
            // README, Jetty 12 (ee10): the bundle's jars, the module and the resource XML, then enable it
            jetty.copyJars(Path.of(System.getProperty("it.shared.bundle", "target/mail-console-shared/lib")), "lib/ee10");
            jetty.copy(CONF.resolve("shared/jetty/mail-console.mod"), "modules/mail-console.mod");
            jetty.copy(CONF.resolve("shared/jetty/mail-console-session.xml"), "etc/mail-console-session.xml");
            jetty.startJar("--add-modules=mail-console");
            deployConsole(jetty);
            jetty.copy(SharingApp.war(WORK.resolve("sharing-app.war")), "webapps/sharing-app.war");
            jetty.start(Duration.ofSeconds(90), "/mail-console/api/v1/health");

            ConsoleClient admin = new ConsoleClient(jetty.url("/mail-console"), ADMIN, ADMIN_PASSWORD);
            try (SharingScenario scenario = new SharingScenario(admin, jetty.url("/sharing-app/send"))) {
                scenario.run(jetty::logs);
                scenario.switchAccounts();
            }
            String logs = jetty.logs();
            assertTrue(logs.contains("shared mail session ready"), logs);
            assertEquals(1, logs.split("Mail Console database ready", -1).length - 1,
                    "the console and the resource must share one database engine:\n" + logs);
            assertFalse(logs.contains("SEVERE"), logs);
        }
    }
}
