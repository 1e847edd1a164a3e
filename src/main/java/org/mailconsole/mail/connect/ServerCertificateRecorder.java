package org.mailconsole.mail.connect;

import java.security.cert.X509Certificate;

/**
 * Remembers the certificate a server presented during a TLS handshake and whether its chain was
 * trusted, so a failure can name the certificate's subject and tell a host name mismatch (trusted,
 * but for another name) from an untrusted certificate.
 */
public final class ServerCertificateRecorder {
    private volatile X509Certificate certificate;
    private volatile boolean trusted;

    void presented(X509Certificate presented) {
        this.certificate = presented;
        this.trusted = false;
    }

    void trusted() {
        this.trusted = true;
    }

    /** The certificate the server presented last, or null when no handshake got that far. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** Whether that certificate's chain was trusted (by the JDK's CAs or the admin's certificates). */
    public boolean wasTrusted() {
        return trusted;
    }
}
