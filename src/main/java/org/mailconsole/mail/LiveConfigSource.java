package org.mailconsole.mail;

/**
 * The seam between the shared session and where its configuration comes from. The live transport
 * and stores ask it for the effective configuration; {@link CachedConfig} keeps the answers and asks
 * again only when {@link #version()} changes.
 *
 * <p>Today's implementation is {@link PropertiesConfigSource}: the built-in "Default SMTP" and
 * "Default POP3" accounts, whose values are System Properties > Email. When email accounts exist,
 * an implementation that also reads the active SMTP account (and the active POP3/IMAP accounts)
 * replaces it (e.g. from {@code EffectiveConnections.outbound/inbound}); its {@code version()}
 * must change whenever the properties or any account change, and its {@link #forConnect} puts a
 * current OAuth 2.0 access token (cached until shortly before it expires) into the settings.
 */
public interface LiveConfigSource {

    /** A number that changes whenever what {@link #outbound()} or {@link #inbound()} return may change. Cheap. */
    long version();

    /** The effective outbound configuration: the SMTP account in use, or why nothing is sent. */
    OutboundConfig outbound();

    /** The effective inbound configuration: the active POP3/IMAP accounts, or why stores refuse. */
    InboundConfig inbound();

    /**
     * The settings to open a connection with now, called once per new connection: for OAuth 2.0,
     * the same settings with a current access token as secret. By default, the settings as they are.
     */
    default ConnectionSettings forConnect(ConnectionSettings settings) {
        return settings;
    }
}
