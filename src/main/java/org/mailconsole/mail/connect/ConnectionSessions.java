package org.mailconsole.mail.connect;

import jakarta.mail.Session;
import java.util.Properties;
import org.mailconsole.model.Authentication;
import org.mailconsole.model.ConnectionSecurity;

/**
 * Builds Angus Mail sessions for one connection, safely: bounded connect/read/write timeouts,
 * STARTTLS required when chosen (no plain-text fallback), certificates and host names always
 * verified (extra trusted certificates added, never trust-all), XOAUTH2 for OAuth 2.0.
 * The one place where connection settings become jakarta.mail properties.
 */
public final class ConnectionSessions {
    private ConnectionSessions() {
    }

    public static Properties properties(ConnectionSettings settings) {
        return properties(settings, null);
    }

    /**
     * As {@link #properties(ConnectionSettings)}; with a recorder, TLS connections use a socket
     * factory that also records the certificate the server presented (for error messages).
     */
    public static Properties properties(ConnectionSettings settings, ServerCertificateRecorder serverCertificate) {
        String p = "mail." + settings.mailProtocol() + ".";
        Properties props = new Properties();
        props.put(p + "host", settings.host());
        props.put(p + "port", String.valueOf(settings.port()));
        props.put(p + "connectiontimeout", String.valueOf(settings.connectTimeoutMs()));
        props.put(p + "timeout", String.valueOf(settings.readTimeoutMs()));
        props.put(p + "writetimeout", String.valueOf(settings.readTimeoutMs()));
        if (settings.user() != null && !settings.user().isEmpty()) {
            props.put(p + "user", settings.user());
        }
        if (settings.security() == ConnectionSecurity.STARTTLS) {
            props.put(p + "starttls.enable", "true");
            props.put(p + "starttls.required", "true");
        }
        if (settings.security() == ConnectionSecurity.SSL) {
            props.put(p + "ssl.enable", "true");
        }
        if (settings.security() != ConnectionSecurity.NONE) {
            props.put(p + "ssl.checkserveridentity", "true");
            if (serverCertificate != null) {
                props.put(p + "ssl.socketFactory",
                        TrustedSocketFactories.with(settings.trustedCertificates(), serverCertificate));
            } else if (!settings.trustedCertificates().isEmpty()) {
                props.put(p + "ssl.socketFactory", TrustedSocketFactories.with(settings.trustedCertificates()));
            }
        }
        if (settings.mailProtocol().startsWith("smtp")) {
            // a recipient refused while others are accepted: send to those, and say which were refused
            props.put(p + "sendpartial", "true");
        }
        boolean authenticate = settings.authentication() != Authentication.NONE;
        props.put(p + "auth", String.valueOf(authenticate));
        if (settings.authentication() == Authentication.OAUTH2) {
            props.put(p + "auth.mechanisms", "XOAUTH2");
        }
        return props;
    }

    /** A session of its own for this connection (not the default session, never shared). */
    public static Session session(ConnectionSettings settings) {
        return Session.getInstance(properties(settings));
    }
}
