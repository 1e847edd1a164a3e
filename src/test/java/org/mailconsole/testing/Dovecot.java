package org.mailconsole.testing;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's dovecot as a real IMAP and POP3 server with STARTTLS, for the tests: installed by
 * .ci/dovecot-setup.sh when missing (as root), configured under target/dovecot (127.0.0.1 only,
 * a passwd-file user, the {@link TestTls} certificate), started in the foreground and stopped by
 * {@link #close()}. Tests are skipped only when dovecot is missing and cannot be installed.
 */
public final class Dovecot implements AutoCloseable {
    public static final String USER = "dove";
    public static final String PASSWORD = "dove-pw-canary-7781";
    public static final int IMAP_PORT = Ports.of(31143);
    public static final int POP3_PORT = Ports.of(31110);

    private final Process process;
    private final Path dir;

    private Dovecot(Process process, Path dir) {
        this.process = process;
        this.dir = dir;
    }

    public static Dovecot start() throws Exception {
        ensureInstalled();
        Path dir = Path.of("target", "dovecot").toAbsolutePath();
        stopLeftOver(dir.resolve("run").resolve("master.pid"));
        Path home = dir.resolve("home").resolve(USER);
        Files.createDirectories(home.resolve("Maildir"));
        Files.createDirectories(dir.resolve("run"));
        UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
        for (Path p : List.of(dir.resolve("home"), home, home.resolve("Maildir"))) {
            Files.setOwner(p, users.lookupPrincipalByName("nobody"));
        }
        Path tls = TestTls.dir();
        Files.writeString(dir.resolve("users"), USER + ":{PLAIN}" + PASSWORD + ":65534:65534::" + home + "\n");
        Files.writeString(dir.resolve("dovecot.conf"), String.join("\n",
                "protocols = imap pop3",
                "listen = 127.0.0.1",
                "base_dir = " + dir.resolve("run"),
                "state_dir = " + dir.resolve("state"),
                "log_path = " + dir.resolve("dovecot.log"),
                "ssl = yes",
                "ssl_cert = <" + tls.resolve("cert.pem"),
                "ssl_key = <" + tls.resolve("key.pem"),
                "disable_plaintext_auth = no",
                "auth_mechanisms = plain login",
                "first_valid_uid = 1",
                "mail_location = maildir:~/Maildir",
                "passdb {", "  driver = passwd-file", "  args = scheme=PLAIN " + dir.resolve("users"), "}",
                "userdb {", "  driver = passwd-file", "  args = " + dir.resolve("users"), "}",
                "service imap-login {", "  inet_listener imap {", "    port = " + IMAP_PORT, "  }",
                "  inet_listener imaps {", "    port = 0", "  }", "}",
                "service pop3-login {", "  inet_listener pop3 {", "    port = " + POP3_PORT, "  }",
                "  inet_listener pop3s {", "    port = 0", "  }", "}",
                "service anvil {", "  chroot =", "}",
                ""));
        Process process = new ProcessBuilder("dovecot", "-F", "-c", dir.resolve("dovecot.conf").toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.log").toFile())
                .start();
        Dovecot dovecot = new Dovecot(process, dir);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (!listening(IMAP_PORT) || !listening(POP3_PORT)) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                dovecot.close();
                throw new IllegalStateException("dovecot did not start: " + Files.readString(dir.resolve("stdout.log"))
                        + (Files.exists(dir.resolve("dovecot.log")) ? Files.readString(dir.resolve("dovecot.log")) : ""));
            }
            Thread.sleep(100);
        }
        return dovecot;
    }

    /** A dovecot this setup started in an earlier, aborted run still holds the ports: stop it by its pid. */
    private static void stopLeftOver(Path pidFile) throws Exception {
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        ProcessHandle.of(pid).ifPresent(process -> {
            if (process.info().command().orElse("").contains("dovecot")) {
                process.destroy();
                process.onExit().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join();
            }
        });
        Files.deleteIfExists(pidFile);
    }

    private static void ensureInstalled() throws IOException, InterruptedException {
        if (Files.isExecutable(Path.of("/usr/sbin/dovecot"))) {
            return;
        }
        Process setup = new ProcessBuilder("sh", ".ci/dovecot-setup.sh").inheritIO().start();
        int status = setup.waitFor();
        Assumptions.assumeTrue(status == 0 && Files.isExecutable(Path.of("/usr/sbin/dovecot")),
                "SKIPPED: dovecot is not installed and .ci/dovecot-setup.sh could not install it (not root?)");
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
