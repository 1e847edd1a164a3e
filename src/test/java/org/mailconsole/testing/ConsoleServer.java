package org.mailconsole.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.security.HashLoginService;
import org.eclipse.jetty.security.UserStore;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.security.Credential;

/**
 * The console's real WAR (target/mail-console.war, built by the package phase) in an embedded
 * Jetty 12 with a BASIC realm of two users, its database and key file in {@code dataDir}.
 * {@link #restart()} stops and starts the container on the same files.
 */
public final class ConsoleServer implements AutoCloseable {
    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "admin-secret-pw";
    public static final String VIEWER = "viewer";
    public static final String VIEWER_PASSWORD = "viewer-secret-pw";

    private final Path dataDir;
    private final Map<String, String> extraInitParameters;
    private Server server;
    private int port;

    public ConsoleServer(Path dataDir) {
        this(dataDir, Map.of());
    }

    public ConsoleServer(Path dataDir, Map<String, String> extraInitParameters) {
        this.dataDir = dataDir;
        this.extraInitParameters = extraInitParameters;
    }

    public static Path war() {
        Path war = Path.of(System.getProperty("it.war", "target/mail-console.war"));
        if (!Files.isRegularFile(war)) {
            throw new IllegalStateException(war + " is missing: run the tests with `mvn verify` (the WAR is built first)");
        }
        return war;
    }

    public ConsoleServer start() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port); // 0 the first time; the same port after a restart
        server.addConnector(connector);

        UserStore users = new UserStore();
        users.addUser(ADMIN, Credential.getCredential(ADMIN_PASSWORD), new String[] {"mail-admin"});
        users.addUser(VIEWER, Credential.getCredential(VIEWER_PASSWORD), new String[] {"mail-viewer"});
        users.addUser("nobody", Credential.getCredential("nobody-pw"), new String[] {"other"});
        HashLoginService realm = new HashLoginService("Mail Console");
        realm.setUserStore(users);
        server.addBean(realm);

        WebAppContext webapp = new WebAppContext();
        webapp.setContextPath("/mail-console");
        webapp.setWar(war().toString());
        webapp.setTempDirectory(Files.createDirectories(dataDir.resolve("jetty-work")).toFile());
        webapp.setInitParameter("mailconsole.db.path", dataDir.resolve("db/mailconsole").toString());
        webapp.setInitParameter("mailconsole.key.file", dataDir.resolve("mail-console.key").toString());
        extraInitParameters.forEach(webapp::setInitParameter);
        webapp.setThrowUnavailableOnStartupException(true);
        server.setHandler(webapp);
        server.start();
        port = connector.getLocalPort();
        return this;
    }

    public void restart() throws Exception {
        stop();
        start();
    }

    public void stop() throws Exception {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port + "/mail-console";
    }

    public Path dataDir() {
        return dataDir;
    }

    public ConsoleClient admin() {
        return new ConsoleClient(baseUrl(), ADMIN, ADMIN_PASSWORD);
    }

    public ConsoleClient viewer() {
        return new ConsoleClient(baseUrl(), VIEWER, VIEWER_PASSWORD);
    }

    public ConsoleClient anonymous() {
        return new ConsoleClient(baseUrl(), null, null);
    }

    @Override
    public void close() throws Exception {
        stop();
    }
}
