package org.mailconsole.testing;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A cluster as the README's "Run several containers" sets it up: one private PostgreSQL that asks
 * for passwords (database, user and grants created with the README's SQL), one key file made with the README's openssl command
 * and copied to every node, and nodes that are real Tomcats from the zip, each with the shared
 * bundle, a {@code mail/Session} resource naming that database and its copy of the key, the console
 * and the second webapp ({@link SharingApp}). Nodes start in parallel; a node can be killed with -9.
 */
public final class TomcatCluster implements AutoCloseable {
    public static final String ADMIN = "cluster-admin";
    public static final String ADMIN_PASSWORD = "cluster-admin-pw";
    /** The README's database, user and password. */
    static final String DATABASE = "mailconsole";
    static final String DB_USER = "mailconsole";
    static final String DB_PASSWORD = "change-me";

    private final Path work;
    private final PostgresServer postgres;
    private final Path key;
    private final List<Node> nodes = new ArrayList<>();

    private TomcatCluster(Path work, PostgresServer postgres, Path key) {
        this.work = work;
        this.postgres = postgres;
        this.key = key;
    }

    /** Starts PostgreSQL and creates the database and key file, no node yet. */
    public static TomcatCluster create(Path work) throws Exception {
        Zips.deleteTree(work);
        Files.createDirectories(work);
        PostgresServer postgres = PostgresServer.startRequiringPasswords();
        try {
            // README, Run several containers: the database, its user and grants (the test server
            // already has a database of that name: drop it first)
            postgres.psql("DROP DATABASE " + DATABASE);
            postgres.psql("CREATE USER " + DB_USER + " WITH PASSWORD '" + DB_PASSWORD + "'");
            postgres.psql("CREATE DATABASE " + DATABASE + " OWNER " + DB_USER);
            postgres.psql("REVOKE ALL ON DATABASE " + DATABASE + " FROM PUBLIC");
            return new TomcatCluster(work, postgres, newKeyFile(work.resolve("mail-console.key")));
        } catch (Exception e) {
            postgres.close();
            throw e;
        }
    }

    /** README: {@code openssl rand -base64 32 > mail-console.key} (then owner-only). */
    public static Path newKeyFile(Path file) throws Exception {
        Process openssl = new ProcessBuilder("openssl", "rand", "-base64", "32")
                .redirectOutput(file.toFile()).redirectErrorStream(false).start();
        if (!openssl.waitFor(30, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
            throw new IllegalStateException("openssl rand failed: "
                    + new String(openssl.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        }
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    public String jdbcUrl() {
        return postgres.jdbcUrl(DATABASE);
    }

    /** A connection to the cluster's database as the nodes' user, to look at what the nodes wrote. */
    public java.sql.Connection connect() throws java.sql.SQLException {
        return java.sql.DriverManager.getConnection(jdbcUrl(), DB_USER, DB_PASSWORD);
    }

    public Path keyFile() {
        return key;
    }

    /** A node with the cluster's key file, set up but not started. */
    public Node node(String name, int basePort) throws Exception {
        return node(name, basePort, key);
    }

    /** A node with this key file (another one than the cluster's, to see it refused). */
    public Node node(String name, int basePort, Path keyFile) throws Exception {
        Node node = new Node(name, RealTomcat.unpack(Path.of(System.getProperty("it.shared.tomcat.zip")),
                work.resolve(name), Ports.of(basePort)));
        node.setUp(keyFile);
        nodes.add(node);
        return node;
    }

    /** Launches these nodes together and waits until each console answers. */
    public void startAll(Node... starting) throws Exception {
        for (Node node : starting) {
            node.tomcat.launch();
        }
        for (Node node : starting) {
            node.tomcat.awaitServing(Duration.ofSeconds(120), "/mail-console/api/v1/health");
        }
    }

    /** The resource of README "Run several containers", for one node's server.xml. */
    static String resource(String jdbcUrl, String keyFile) {
        return """
                <Resource name="mail/Session" auth="Container" type="jakarta.mail.Session"
                          factory="org.mailconsole.mail.MailSessionFactory"
                          mailconsole.db.url="%s"
                          mailconsole.db.user="%s"
                          mailconsole.db.password="%s"
                          mailconsole.key.file="%s"/>
                """.formatted(jdbcUrl, DB_USER, DB_PASSWORD, keyFile);
    }

    @Override
    public void close() throws Exception {
        try {
            for (Node node : nodes) {
                node.close();
            }
        } finally {
            postgres.close();
        }
    }

    /** One container of the cluster: its console (API) and its second webapp's sends. */
    public final class Node implements AutoCloseable {
        private final String name;
        private final RealTomcat tomcat;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        private Node(String name, RealTomcat tomcat) {
            this.name = name;
            this.tomcat = tomcat;
        }

        private void setUp(Path keyFile) throws IOException {
            // its own copy of the key file, where the README's resource names it
            Path nodeKey = tomcat.base().resolve("conf/mail-console.key");
            Files.copy(keyFile, nodeKey);
            tomcat.serverXml(resource(jdbcUrl(), "${catalina.base}/conf/mail-console.key"));
            tomcat.contextXml(Files.readString(Path.of(System.getProperty("it.shared.conf", "conf/shared/tomcat"))
                    .resolve("context.xml-ResourceLink.xml")));
            tomcat.users(ADMIN, ADMIN_PASSWORD, "mail-admin");
            tomcat.addLibs(Path.of(System.getProperty("it.shared.bundle", "target/mail-console-shared/lib")));
            tomcat.deploy(ConsoleServer.war(), "mail-console");
            tomcat.deploy(SharingApp.war(work.resolve(name + "-sharing-app.war")), "sharing-app");
        }

        public String name() {
            return name;
        }

        public RealTomcat tomcat() {
            return tomcat;
        }

        public ConsoleClient console() {
            return new ConsoleClient(tomcat.url("/mail-console"), ADMIN, ADMIN_PASSWORD);
        }

        /** The node's second webapp sends one message; the HTTP status of its answer (200: sent or queued). */
        public int appSends(String to, String subject) throws IOException, InterruptedException {
            return http.send(HttpRequest.newBuilder(URI.create(tomcat.url("/sharing-app/send?to="
                            + URLEncoder.encode(to, StandardCharsets.UTF_8) + "&subject="
                            + URLEncoder.encode(subject, StandardCharsets.UTF_8))))
                    .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }

        /** Starts (or, after {@link #kill()}, restarts) this node and waits for its console. */
        public Node start() throws Exception {
            startAll(this);
            return this;
        }

        /** The process id of the node's JVM: the start of its delivery engine's lease owner (pid@host/...). */
        public long pid() {
            return tomcat.pid();
        }

        /** kill -9 of the node's JVM. */
        public void kill() throws InterruptedException {
            tomcat.kill();
        }

        public String logs() throws IOException {
            return tomcat.logs();
        }

        @Override
        public void close() throws InterruptedException {
            tomcat.close();
        }
    }
}
