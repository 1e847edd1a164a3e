package org.mailconsole.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real Tomcat (10.1 or 11) from its Maven Central zip (copied to target/ by the build), driven by the test:
 * unpacked, given a server.xml of our own (ports, realm, the global resources the test passes), the
 * shared bundle's jars in lib/, WARs in webapps/, and run as its own JVM with Bootstrap. Its output
 * and log files are kept for {@link #logs()}.
 */
public final class RealTomcat implements AutoCloseable {
    private final Path base;
    private final int port;
    private final List<String> jvmOptions = new ArrayList<>();
    private ServerProcess process;

    private RealTomcat(Path base, int port) {
        this.base = base;
        this.port = port;
    }

    /** Unpacks the zip into {@code dir} (its single top folder stripped). */
    public static RealTomcat unpack(Path zip, Path dir, int port) throws IOException {
        Zips.unpackStrippingTop(zip, dir);
        // keep only what we deploy
        try (Stream<Path> apps = Files.walk(dir.resolve("webapps"))) {
            apps.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(dir.resolve("webapps")))
                    .forEach(p -> p.toFile().delete());
        }
        return new RealTomcat(dir, port);
    }

    public Path base() {
        return base;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** Writes conf/server.xml with one HTTP connector on loopback, the user realm and these global resources. */
    public void serverXml(String globalResources) throws IOException {
        serverXml(globalResources, "", "autoDeploy=\"false\"", "");
    }

    /**
     * As {@link #serverXml(String)}, and: {@code moreConnectors} beside the first (same Service),
     * {@code hostAttributes} on the Host ({@code autoDeploy="true" ...}), {@code hostElements} inside it (valves).
     */
    public void serverXml(String globalResources, String moreConnectors, String hostAttributes, String hostElements)
            throws IOException {
        write("conf/server.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <Server port="-1" shutdown="SHUTDOWN">
                  <Listener className="org.apache.catalina.core.JreMemoryLeakPreventionListener"/>
                  <GlobalNamingResources>
                    <Resource name="UserDatabase" auth="Container" type="org.apache.catalina.UserDatabase"
                              factory="org.apache.catalina.users.MemoryUserDatabaseFactory"
                              pathname="conf/tomcat-users.xml"/>
                %s
                  </GlobalNamingResources>
                  <Service name="Catalina">
                    <Connector port="%d" address="127.0.0.1" protocol="HTTP/1.1" connectionTimeout="20000"/>
                %s
                    <Engine name="Catalina" defaultHost="localhost">
                      <Realm className="org.apache.catalina.realm.UserDatabaseRealm" resourceName="UserDatabase"/>
                      <Host name="localhost" appBase="webapps" unpackWARs="true" %s>
                %s
                      </Host>
                    </Engine>
                  </Service>
                </Server>
                """.formatted(globalResources, port, moreConnectors, hostAttributes, hostElements));
    }

    /** Writes conf/context.xml (what every webapp gets) with these elements. */
    public void contextXml(String elements) throws IOException {
        write("conf/context.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <Context>
                  <WatchedResource>WEB-INF/web.xml</WatchedResource>
                %s
                </Context>
                """.formatted(elements));
    }

    public void users(String user, String password, String role) throws IOException {
        write("conf/tomcat-users.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <tomcat-users xmlns="http://tomcat.apache.org/xml" version="1.0">
                  <role rolename="%3$s"/>
                  <user username="%1$s" password="%2$s" roles="%3$s"/>
                </tomcat-users>
                """.formatted(user, password, role));
    }

    public void addLibs(Path folder) throws IOException {
        try (Stream<Path> jars = Files.list(folder)) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                Files.copy(jar, base.resolve("lib").resolve(jar.getFileName()));
            }
        }
    }

    public void deploy(Path war, String contextName) throws IOException {
        Files.copy(war, base.resolve("webapps").resolve(contextName + ".war"));
    }

    public RealTomcat start(Duration timeout, String readyPath) throws IOException, InterruptedException {
        launch();
        return awaitServing(timeout, readyPath);
    }

    /** After {@link #launch()}: waits until {@code readyPath} is served (neither 404 nor 5xx). */
    public RealTomcat awaitServing(Duration timeout, String readyPath) throws IOException, InterruptedException {
        process.awaitServing(url(readyPath), timeout, "Tomcat");
        return this;
    }

    /** An option for Tomcat's JVM from the next start on (e.g. {@code -Dname=value}). */
    public void jvmOption(String option) {
        jvmOptions.add(option);
    }

    /** Starts the JVM without waiting (see {@link #awaitLog}). */
    public RealTomcat launch() throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx256m",
                "-Dcatalina.home=" + base, "-Dcatalina.base=" + base,
                "-Djava.io.tmpdir=" + Files.createDirectories(base.resolve("temp")),
                "-Djava.util.logging.manager=org.apache.juli.ClassLoaderLogManager",
                "-Djava.util.logging.config.file=" + base.resolve("conf/logging.properties")));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp",
                base.resolve("bin/bootstrap.jar") + File.pathSeparator + base.resolve("bin/tomcat-juli.jar"),
                "org.apache.catalina.startup.Bootstrap", "start"));
        process = ServerProcess.start(command, base, base.resolve("logs/process-output.log"), this::logs);
        return this;
    }

    /** Waits until Tomcat's logs contain {@code text} (e.g. "Server startup in"). */
    public void awaitLog(String text, Duration timeout) throws IOException, InterruptedException {
        process.awaitLog(text, timeout, "Tomcat");
    }

    /** The process id of Tomcat's JVM (how the console's delivery engine names this node: pid@host). */
    public long pid() {
        return process.pid();
    }

    /** kill -9: no shutdown hook runs, whatever was in flight stays as it was. */
    public void kill() throws InterruptedException {
        process.kill();
    }

    /** Everything Tomcat wrote: its output and every file in logs/. */
    public String logs() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(base.resolve("logs"))) {
            for (Path file : files.sorted().toList()) {
                all.append("==> ").append(file.getFileName()).append('\n')
                        .append(Files.readString(file, StandardCharsets.ISO_8859_1)).append('\n');
            }
        }
        return all.toString();
    }

    private void write(String relative, String text) throws IOException {
        Files.writeString(base.resolve(relative), text, StandardCharsets.UTF_8);
    }

    /** Stops it cleanly (as {@link #close}); {@link #start} may follow. */
    public void stop() throws InterruptedException {
        close();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            process.stop(); // SIGTERM: Tomcat's shutdown hook stops the webapps cleanly
        }
    }

}
