package org.mailconsole.shared;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mailconsole.testing.ConsoleClient;
import org.mailconsole.testing.ConsoleServer;
import org.mailconsole.testing.RealTomcat;
import org.mailconsole.testing.SharingApp;
import org.mailconsole.testing.SharingScenario;

/**
 * The shared session in a real Tomcat 10.1 (the Maven Central zip): the shared bundle in lib/, the
 * resource from conf/shared/tomcat/ in server.xml and conf/context.xml, the console WAR, and a second
 * webapp that looked the session up once at start.
 */
class SharedSessionTomcatZipIT {
    static final String ADMIN = "tomcat-admin";
    static final String ADMIN_PASSWORD = "tomcat-admin-pw";
    static RealTomcat tomcat;

    @BeforeAll
    static void start() throws Exception {
        Path work = Path.of(System.getProperty("it.shared.work", "target/it-shared"));
        tomcat = RealTomcat.unpack(Path.of(System.getProperty("it.shared.tomcat.zip")), work.resolve("tomcat"),
                Integer.getInteger("it.shared.tomcat.port", 18280));
        Path snippets = Path.of(System.getProperty("it.shared.conf", "conf/shared/tomcat"));
        tomcat.serverXml(Files.readString(snippets.resolve("server.xml-GlobalNamingResources.xml")));
        tomcat.contextXml(Files.readString(snippets.resolve("context.xml-ResourceLink.xml")));
        tomcat.users(ADMIN, ADMIN_PASSWORD, "mail-admin");
        tomcat.addLibs(Path.of(System.getProperty("it.shared.bundle", "target/mail-console-shared/lib")));
        tomcat.deploy(ConsoleServer.war(), "mail-console");
        tomcat.deploy(SharingApp.war(work.resolve("sharing-app.war")), "sharing-app");
        tomcat.start(Duration.ofSeconds(120), "/mail-console/api/v1/health");
    }

    @AfterAll
    static void stop() throws Exception {
        if (tomcat != null) {
            tomcat.close();
        }
    }

    @Test
    void everyWebappSendsThroughTheConsolesLiveSettings() throws Exception {
        ConsoleClient admin = new ConsoleClient(tomcat.url("/mail-console"), ADMIN, ADMIN_PASSWORD);
        try (SharingScenario scenario = new SharingScenario(admin, tomcat.url("/sharing-app/send"))) {
            scenario.run(tomcat::logs);
        }
        String logs = tomcat.logs();
        assertTrue(logs.contains("shared mode"), "the console did not join the shared session's database:\n" + logs);
        assertFalse(logs.contains("SEVERE"), logs);
    }

    @Test
    void switchingTheActiveSmtpAccountIsFollowedByTheNextSend() throws Exception {
        ConsoleClient admin = new ConsoleClient(tomcat.url("/mail-console"), ADMIN, ADMIN_PASSWORD);
        try (SharingScenario scenario = new SharingScenario(admin, tomcat.url("/sharing-app/send"))) {
            scenario.switchAccounts();
        }
    }
}
