package org.mailconsole.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.ee10.plus.webapp.EnvConfiguration;
import org.eclipse.jetty.ee10.plus.webapp.PlusConfiguration;
import org.eclipse.jetty.ee10.webapp.JndiConfiguration;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.security.HashLoginService;
import org.eclipse.jetty.security.UserStore;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.eclipse.jetty.util.security.Credential;
import org.eclipse.jetty.xml.XmlConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailconsole.testing.ConsoleClient;
import org.mailconsole.testing.ConsoleServer;
import org.mailconsole.testing.LogCapture;
import org.mailconsole.testing.SharingApp;
import org.mailconsole.testing.SharingScenario;

/**
 * The shared session in embedded Jetty 12 with JNDI (jetty-ee10-plus): the resource bound at server
 * scope by the admin's snippet conf/shared/jetty/mail-console-session.xml (a Reference to our factory), the console
 * WAR (parent-first through its own WEB-INF/jetty-ee10-web.xml; the test class path plays the ee10
 * lib) and the second webapp, which declares a resource-ref and looks the session up once.
 */
class SharedSessionJettyIT {
    @TempDir
    Path dir;

    @Test
    void everyWebappSendsThroughTheConsolesLiveSettings() throws Exception {
        Server server = new Server();
        try (LogCapture logs = new LogCapture()) {
            ServerConnector connector = new ServerConnector(server);
            connector.setHost("127.0.0.1");
            server.addConnector(connector);
            UserStore users = new UserStore();
            users.addUser(ConsoleServer.ADMIN, Credential.getCredential(ConsoleServer.ADMIN_PASSWORD),
                    new String[] {"mail-admin"});
            HashLoginService realm = new HashLoginService("Mail Console");
            realm.setUserStore(users);
            server.addBean(realm);

            // the admin's snippet, as Jetty's start.jar would apply it, with jetty.base = dir
            XmlConfiguration xml = new XmlConfiguration(ResourceFactory.of(server).newResource(
                    Path.of(System.getProperty("it.shared.jetty.xml", "conf/shared/jetty/mail-console-session.xml"))));
            xml.getIdMap().put("Server", server);
            xml.getProperties().put("jetty.base", dir.toString());
            xml.configure(server);
            String dbPath = dir.resolve("mail-console/db/mailconsole").toString();
            String keyFile = dir.resolve("conf/mail-console.key").toString();

            WebAppContext console = webapp("/mail-console", ConsoleServer.war(), "console-work");
            console.setInitParameter("mailconsole.db.path", dbPath);
            console.setInitParameter("mailconsole.key.file", keyFile);
            WebAppContext app = webapp("/sharing-app", SharingApp.war(dir.resolve("sharing-app.war")), "app-work");
            server.setHandler(new ContextHandlerCollection(console, app));
            server.start();
            assertEquals(true, console.isParentLoaderPriority(), "WEB-INF/jetty-ee10-web.xml was not applied");

            String base = "http://127.0.0.1:" + connector.getLocalPort();
            ConsoleClient admin = new ConsoleClient(base + "/mail-console", ConsoleServer.ADMIN,
                    ConsoleServer.ADMIN_PASSWORD);
            try (SharingScenario scenario = new SharingScenario(admin, base + "/sharing-app/send")) {
                scenario.run(logs::text);
                scenario.switchAccounts();
            }
            // the email log names the sending webapp by its Jetty context path
            var logged = admin.json(admin.get("/api/v1/emails?q=switch3@example.com")).get("emails").get(0);
            assertEquals("/sharing-app", logged.get("source").asText(), logged.toString());
            assertEquals("sent", logged.get("state").asText(), logged.toString());
        } finally {
            server.stop();
        }
    }

    private WebAppContext webapp(String path, Path war, String work) throws Exception {
        WebAppContext webapp = new WebAppContext();
        webapp.setContextPath(path);
        webapp.setWar(war.toString());
        webapp.setTempDirectory(Files.createDirectories(dir.resolve(work)).toFile());
        webapp.addConfiguration(new EnvConfiguration(), new PlusConfiguration(), new JndiConfiguration());
        webapp.setThrowUnavailableOnStartupException(true);
        return webapp;
    }
}
