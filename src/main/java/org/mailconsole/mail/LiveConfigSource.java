package org.mailconsole.mail;

/**
 * The seam between the shared session and where its configuration comes from. The live transport
 * and stores ask it for the effective configuration; {@link CachedConfig} keeps the answers and asks
 * again only when {@link #version()} changes.
 *
 * <p>Today's implementation is {@link PropertiesConfigSource}: the built-in "Default SMTP" and
 * "Default POP3" accounts, whose values are System Properties > Email. When email accounts exist,
 * an implementation that also reads the active SMTP account (and the active POP3/IMAP accounts)
 * replaces it; its {@code version()} must change whenever properties, accounts or an account's
 * cached OAuth 2.0 access token change, and its {@code outbound()} must carry the current access
 * token as {@link ConnectionSettings#secret()}.
 */
public interface LiveConfigSource {

    /** A number that changes whenever what {@link #outbound()} or {@link #inbound()} return may change. Cheap. */
    long version();

    /** The effective outbound configuration: the SMTP account in use, or why nothing is sent. */
    OutboundConfig outbound();

    /** The effective inbound configuration: the active POP3/IMAP accounts, or why stores refuse. */
    InboundConfig inbound();
}
