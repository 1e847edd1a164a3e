package org.mailconsole.mail.connect;

import jakarta.mail.MessagingException;
import java.security.cert.X509Certificate;
import java.util.List;
import org.mailconsole.model.Authentication;
import org.mailconsole.model.ConnectionSecurity;
import org.mailconsole.model.FieldLimits;
import org.mailconsole.model.Protocol;
import org.mailconsole.model.WireText;

/**
 * Everything needed to open one mail connection. {@code secret} is the password, or for
 * OAuth 2.0 the access token; it lives in memory only and {@link #toString()} never shows it.
 *
 * @param trustedCertificates certificates an admin added for a private server, trusted in
 *                            addition to the JDK's CAs (host names are still checked)
 */
public record ConnectionSettings(
        Protocol protocol,
        String host,
        int port,
        ConnectionSecurity security,
        Authentication authentication,
        String user,
        String secret,
        int connectTimeoutMs,
        int readTimeoutMs,
        List<X509Certificate> trustedCertificates) {

    public ConnectionSettings {
        connectTimeoutMs = FieldLimits.boundTimeout(connectTimeoutMs);
        readTimeoutMs = FieldLimits.boundTimeout(readTimeoutMs);
        trustedCertificates = trustedCertificates == null ? List.of() : List.copyOf(trustedCertificates);
    }

    /** The jakarta.mail protocol name for this connection: smtp/smtps, pop3/pop3s, imap/imaps. */
    public String mailProtocol() {
        return security == ConnectionSecurity.SSL ? protocol.mailName() + "s" : protocol.mailName();
    }

    /**
     * Refuses to connect with a host, user name or secret that holds a control character (stored
     * before such values were refused at input): a CR/LF would reach the server as a command.
     */
    public void requireSingleLineValues() throws MessagingException {
        if (WireText.check(host) != null || WireText.check(user) != null || WireText.check(secret) != null) {
            throw new MessagingException("The stored host, user name or password/token of this connection holds a "
                    + "control character (a line break?); it was not sent to the server. Set it again.");
        }
    }

    /** The same connection with another secret (for OAuth 2.0: a fresh access token). */
    public ConnectionSettings withSecret(String newSecret) {
        return new ConnectionSettings(protocol, host, port, security, authentication, user, newSecret,
                connectTimeoutMs, readTimeoutMs, trustedCertificates);
    }

    @Override
    public String toString() {
        return protocol + "://" + (user == null || user.isEmpty() ? "" : user + "@") + host + ":" + port
                + " security=" + security + " auth=" + authentication
                + " secret=" + (secret == null || secret.isEmpty() ? "(none)" : "(set)")
                + " connectTimeoutMs=" + connectTimeoutMs + " readTimeoutMs=" + readTimeoutMs
                + " trustedCertificates=" + trustedCertificates.size();
    }
}
