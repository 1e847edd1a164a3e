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
 * Everything needed to open one mail connection; built by name ({@link #builder()}). {@code secret}
 * is the password, or for OAuth 2.0 the access token; it lives in memory only and
 * {@link #toString()} never shows it.
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
        return toBuilder().secret(newSecret).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().protocol(protocol).host(host).port(port).security(security).authentication(authentication)
                .user(user).secret(secret).connectTimeoutMs(connectTimeoutMs).readTimeoutMs(readTimeoutMs)
                .trustedCertificates(trustedCertificates);
    }

    @Override
    public String toString() {
        return protocol + "://" + (user == null || user.isEmpty() ? "" : user + "@") + host + ":" + port
                + " security=" + security + " auth=" + authentication
                + " secret=" + (secret == null || secret.isEmpty() ? "(none)" : "(set)")
                + " connectTimeoutMs=" + connectTimeoutMs + " readTimeoutMs=" + readTimeoutMs
                + " trustedCertificates=" + trustedCertificates.size();
    }

    /**
     * Builds {@link ConnectionSettings} by name; no certificates are added unless set. It holds the
     * secret too, so it keeps Object's toString.
     */
    public static final class Builder {
        private Protocol protocol;
        private String host;
        private int port;
        private ConnectionSecurity security;
        private Authentication authentication;
        private String user;
        private String secret;
        private int connectTimeoutMs;
        private int readTimeoutMs;
        private List<X509Certificate> trustedCertificates;

        private Builder() {
        }

        public Builder protocol(Protocol value) { protocol = value; return this; }
        public Builder host(String value) { host = value; return this; }
        public Builder port(int value) { port = value; return this; }
        public Builder security(ConnectionSecurity value) { security = value; return this; }
        public Builder authentication(Authentication value) { authentication = value; return this; }
        public Builder user(String value) { user = value; return this; }
        public Builder secret(String value) { secret = value; return this; }
        public Builder connectTimeoutMs(int value) { connectTimeoutMs = value; return this; }
        public Builder readTimeoutMs(int value) { readTimeoutMs = value; return this; }
        public Builder trustedCertificates(List<X509Certificate> value) { trustedCertificates = value; return this; }

        public ConnectionSettings build() {
            return new ConnectionSettings(protocol, host, port, security, authentication, user, secret,
                    connectTimeoutMs, readTimeoutMs, trustedCertificates);
        }
    }
}
