package org.mailconsole.mail.live;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.URLName;
import jakarta.mail.event.TransportEvent;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import org.eclipse.angus.mail.smtp.SMTPSSLTransport;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.mailconsole.mail.filter.FilterOutcome;
import org.mailconsole.mail.filter.RecipientFilter;
import org.mailconsole.model.Authentication;
import org.mailconsole.model.ConnectionSecurity;
import org.mailconsole.mail.connect.ConnectionSettings;
import org.mailconsole.mail.connect.ConnectionSessions;

/**
 * The smtp transport of the shared session. Whatever host or user the app passes is ignored: each
 * message is sent with the effective configuration of the moment (sending off: logged and not sent;
 * test recipients; recipient limit; Precedence; default From) through an Angus SMTP transport built
 * for it. A transport that stays connected reuses its Angus connection for up to max_send messages,
 * and reconnects at once when the configuration changes.
 */
public final class LiveTransport extends Transport {
    private static final System.Logger LOG = System.getLogger(LiveTransport.class.getName());

    private final LiveState state;
    private Transport delegate;
    private long delegateVersion;
    private int sentOnDelegate;
    private String lastServerResponse = "";
    private LiveTranscript transcript;

    public LiveTransport(Session session, URLName url) {
        super(session, url);
        this.state = LiveState.of(session);
    }

    @Override
    protected boolean protocolConnect(String host, int port, String user, String password) {
        return true; // the server is connected on the first message, with the configuration of that moment
    }

    @Override
    public synchronized void sendMessage(Message message, Address[] recipients) throws MessagingException {
        if (!(message instanceof MimeMessage mime)) {
            throw new MessagingException("the Mail Console session sends MimeMessages only");
        }
        state.sources().recordCurrent();
        ConfigSnapshot snapshot = state.config().current();
        OutboundConfig config = snapshot.outbound();
        if (!config.sending()) {
            LOG.log(System.Logger.Level.INFO, "Mail Console: message {0} not sent: {1}",
                    SendPolicy.describe(mime), config.skipReason());
            lastServerResponse = "";
            return;
        }
        SendPolicy.prepare(mime, config);
        FilterOutcome filtered = RecipientFilter.apply(config.addressFilter(),
                SendPolicy.actualRecipients(recipients, config), config.testRecipients());
        if (filtered.nothingLeft()) {
            LOG.log(System.Logger.Level.INFO, "Mail Console: message {0} not sent: {1}",
                    SendPolicy.describe(mime), filtered.skipReason());
            lastServerResponse = "";
            return;
        }
        if (!filtered.blocked().isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "Mail Console: message {0}: recipient(s) dropped by the system address "
                    + "filter \"{1}\": {2}", SendPolicy.describe(mime), filtered.filter().name(),
                    filtered.blocked().stream().map(b -> b.address() + " (" + b.reason() + ")").toList());
        }
        List<Address[]> batches = SendPolicy.split(filtered.kept().toArray(new Address[0]), config);
        if (!config.testRecipients().isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "Mail Console: message {0} goes to the test address(es) {1} "
                    + "instead of its {2} recipient(s)", SendPolicy.describe(mime), config.testRecipients(),
                    recipients == null ? 0 : recipients.length);
        }
        for (Address[] batch : batches) {
            sendBatch(snapshot, mime, batch);
        }
        notifyTransportListeners(TransportEvent.MESSAGE_DELIVERED, recipients, new Address[0], new Address[0], message);
    }

    private void sendBatch(ConfigSnapshot snapshot, MimeMessage message, Address[] batch) throws MessagingException {
        boolean reused = connectDelegate(snapshot);
        try {
            delegate.sendMessage(message, batch);
        } catch (SendFailedException e) {
            throw e;
        } catch (MessagingException e) {
            if (!reused) {
                throw e;
            }
            // the kept connection may have been closed by the server: one more try on a new one
            closeDelegate();
            connectDelegate(snapshot);
            delegate.sendMessage(message, batch);
        } finally {
            if (delegate instanceof SMTPTransport smtp) {
                lastServerResponse = smtp.getLastServerResponse();
            }
        }
        sentOnDelegate++;
    }

    /** Opens (or keeps) the Angus connection for this snapshot; true if an open one is reused. */
    private boolean connectDelegate(ConfigSnapshot snapshot) throws MessagingException {
        OutboundConfig config = snapshot.outbound();
        if (delegate != null && (delegateVersion != snapshot.version() || sentOnDelegate >= config.maxSend())) {
            closeDelegate();
        }
        if (delegate != null) {
            return true;
        }
        LiveConfigSource source = state.config().source();
        AccountConnection account = config.account();
        ConnectionSettings connection = forConnect(source, account);
        try {
            connect(snapshot, account, connection);
        } catch (AuthenticationFailedException e) {
            if (!source.loginRejected(account, connection)) {
                throw e;
            }
            // a revoked or otherwise refused OAuth 2.0 token was dropped: once more with a new one
            connect(snapshot, account, forConnect(source, account));
        }
        delegateVersion = snapshot.version();
        sentOnDelegate = 0;
        return false;
    }

    private void connect(ConfigSnapshot snapshot, AccountConnection account, ConnectionSettings connection)
            throws MessagingException {
        LiveConfigSource source = state.config().source();
        // built directly (no provider look-up per connection): Angus's SMTP transport for smtp or smtps
        Session angus = state.outboundSession(snapshot);
        LiveTranscript recording = null;
        if (account.recorded()) {
            angus = ConnectionSessions.session(connection); // its own session: debug output is per session
            recording = source.startTranscript(account, angus, "send", secretOf(connection));
        }
        URLName name = new URLName(connection.mailProtocol(), connection.host(), connection.port(), null, null, null);
        Transport transport = connection.security() == ConnectionSecurity.SSL
                ? new SMTPSSLTransport(angus, name) : new SMTPTransport(angus, name);
        boolean login = connection.authentication() != Authentication.NONE;
        try {
            connection.requireSingleLineValues();
            transport.connect(connection.host(), connection.port(),
                    login ? connection.user() : null, login ? connection.secret() : null);
        } catch (MessagingException e) {
            if (recording != null) {
                recording.finish("connect failed: " + e.getMessage());
            }
            throw e;
        }
        transcript = recording;
        delegate = transport;
    }

    /** The settings for a new connection; a token endpoint failure becomes the send's MessagingException. */
    static ConnectionSettings forConnect(LiveConfigSource source, AccountConnection account) throws MessagingException {
        try {
            return source.forConnect(account);
        } catch (IllegalStateException e) {
            throw new MessagingException(e.getMessage(), e);
        }
    }

    /** The secret a connection logs in with, to redact from its transcript. */
    static List<String> secretOf(ConnectionSettings connection) {
        return connection.secret() == null ? List.of() : List.of(connection.secret());
    }

    private void closeDelegate() {
        if (delegate == null) {
            return;
        }
        if (transcript != null) {
            transcript.finish(sentOnDelegate + " message(s) sent, last reply: " + lastServerResponse.trim());
            transcript = null;
        }
        try {
            delegate.close();
        } catch (MessagingException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing an SMTP connection failed: " + e.getMessage());
        }
        delegate = null;
    }

    /** The last reply of the SMTP server to this transport ("250 OK ..."), blank when nothing was sent. */
    public synchronized String lastServerResponse() {
        return lastServerResponse;
    }

    @Override
    public synchronized void close() throws MessagingException {
        closeDelegate();
        super.close();
    }
}
