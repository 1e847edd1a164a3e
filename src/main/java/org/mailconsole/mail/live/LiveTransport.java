package org.mailconsole.mail.live;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.URLName;
import jakarta.mail.event.TransportEvent;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import org.mailconsole.mail.connect.ConnectionSettings;
import org.mailconsole.mail.source.SendingWebapp;

/**
 * The smtp transport of the shared session. Whatever host or user the app passes is ignored: each
 * message is handed to the Outbox ({@link MessageQueue}) with the effective configuration of the
 * moment, which applies the policy (sending off: logged as Skipped; test recipients; the system
 * address filter; From) and commits the message and its log entry; the send returns then. The
 * Outbox's sender delivers it.
 */
public final class LiveTransport extends Transport {
    private final LiveState state;

    public LiveTransport(Session session, URLName url) {
        super(session, url);
        this.state = LiveState.of(session);
    }

    @Override
    protected boolean protocolConnect(String host, int port, String user, String password) {
        return true; // nothing to connect: the Outbox's sender holds the SMTP connection
    }

    @Override
    public synchronized void sendMessage(Message message, Address[] recipients) throws MessagingException {
        if (!(message instanceof MimeMessage mime)) {
            throw new MessagingException("the Mail Console session sends MimeMessages only");
        }
        state.queue().accept(mime, recipients, state.config().current(), SendingWebapp.current());
        notifyTransportListeners(TransportEvent.MESSAGE_DELIVERED, recipients, new Address[0], new Address[0], message);
    }

    /** The settings for a new connection; a token endpoint failure becomes a MessagingException. */
    public static ConnectionSettings forConnect(LiveConfigSource source, AccountConnection account)
            throws MessagingException {
        try {
            return source.forConnect(account);
        } catch (IllegalStateException e) {
            throw new MessagingException(e.getMessage(), e);
        }
    }

    /** The secret a connection logs in with, to redact from its transcript. */
    public static List<String> secretOf(ConnectionSettings connection) {
        return connection.secret() == null ? List.of() : List.of(connection.secret());
    }
}
