package org.mailconsole.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A self-signed test certificate for "localhost" only (SAN DNS:localhost, no IP), made once per
 * build with openssl under target/test-tls: the servers of the tests present it, and accounts trust
 * it explicitly by its PEM. Connecting by 127.0.0.1 must then fail the host name check.
 */
public final class TestTls {
    public static final String PASSWORD = "changeit";
    private static final Path DIR = Path.of("target", "test-tls").toAbsolutePath();

    private TestTls() {
    }

    public static synchronized Path dir() {
        Path cert = DIR.resolve("cert.pem");
        if (!Files.exists(cert)) {
            try {
                Files.createDirectories(DIR);
                run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "3",
                        "-keyout", DIR.resolve("key.pem").toString(), "-out", cert.toString(),
                        "-subj", "/CN=localhost/O=Mail Console Tests", "-addext", "subjectAltName=DNS:localhost"));
                run(List.of("openssl", "pkcs12", "-export", "-in", cert.toString(),
                        "-inkey", DIR.resolve("key.pem").toString(), "-name", "server",
                        "-out", DIR.resolve("keystore.p12").toString(), "-passout", "pass:" + PASSWORD));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return DIR;
    }

    public static String certificatePem() {
        try {
            return Files.readString(dir().resolve("cert.pem"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Path keyStore() {
        return dir().resolve("keystore.p12");
    }

    /** A server-side TLS context presenting the test certificate. */
    public static SSLContext serverContext() {
        try (InputStream in = Files.newInputStream(keyStore())) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD.toCharArray());
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        try {
            if (process.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
