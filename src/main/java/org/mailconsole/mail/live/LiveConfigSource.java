package org.mailconsole.mail.live;

import jakarta.mail.Session;
import java.util.Collection;
import org.mailconsole.mail.connect.ConnectionSettings;

/**
 * The seam between the shared session and where its configuration comes from. The live transport
 * and stores ask it for the effective configuration; {@link CachedConfig} keeps the answers and asks
 * again only when {@link #version()} changes.
 *
 * <p>The implementation is {@link StoredConfigSource}: the properties and the accounts through
 * {@code ActiveConnections}; its {@code version()} changes whenever the properties or any account
 * change, and its {@link #forConnect} puts a current OAuth 2.0 access token into the settings.
 * Connections are handed out as {@link AccountConnection}s and come back the same way, so the
 * source knows the account by its id.
 */
public interface LiveConfigSource {

    /** A number that changes whenever what {@link #outbound()} or {@link #inbound()} return may change. Cheap. */
    long version();

    /** The effective outbound configuration: the SMTP account in use, or why nothing is sent. */
    OutboundConfig outbound();

    /** The effective inbound configuration: the active POP3/IMAP accounts, or why stores refuse. */
    InboundConfig inbound();

    /** What the Outbox's sender does with SMTP replies, and how long the log is kept. By default, the defaults. */
    default DeliveryRules deliveryRules() {
        return DeliveryRules.DEFAULTS;
    }

    /**
     * The settings to open a connection with now, called once per new connection: for OAuth 2.0,
     * the account's settings with a current access token as secret. By default, the settings as they are.
     *
     * @throws IllegalStateException when no usable secret can be had (the token endpoint failed)
     */
    default ConnectionSettings forConnect(AccountConnection connection) {
        return connection.settings();
    }

    /**
     * The mail server refused the login with {@code used} (settings {@link #forConnect} gave): an
     * OAuth 2.0 access token is forgotten, so that the next {@link #forConnect} fetches a new one.
     *
     * @return true when a retry with a new {@link #forConnect} may succeed
     */
    default boolean loginRejected(AccountConnection connection, ConnectionSettings used) {
        return false;
    }

    /**
     * For a connection of an account with debug logging on, starts recording {@code session} (a
     * session used for this one connection); null when the account does not record.
     *
     * @param secrets values to redact besides the account's own secrets (e.g. a fresh token)
     */
    default LiveTranscript startTranscript(AccountConnection connection, Session session, String kind,
                                           Collection<String> secrets) {
        return null;
    }
}
