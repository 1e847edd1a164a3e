package org.mailconsole.mail.live;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.URLName;
import java.util.List;
import org.mailconsole.mail.connect.ConnectionSettings;
import org.mailconsole.mail.connect.ConnectionSessions;

/**
 * The pop3/imap store of the shared session: connects to the active inbound account of the moment
 * (for "pop3"/"imap", the first active account of that protocol; for the session's default store,
 * the first active one), through an Angus store. With receiving off it refuses with the reason.
 */
public final class LiveStore extends Store {
    private final LiveState state;
    private Store delegate;
    private LiveTranscript transcript;

    public LiveStore(Session session, URLName url) {
        super(session, url);
        this.state = LiveState.of(session);
    }

    @Override
    protected synchronized boolean protocolConnect(String host, int port, String user, String password)
            throws MessagingException {
        InboundConfig config = state.config().current().inbound();
        if (config.refusal() != null) {
            throw new MessagingException("Mail Console refuses to connect a store: " + config.refusal());
        }
        String protocol = LiveSessionBuilder.DEFAULT_STORE.equals(url.getProtocol()) ? null : url.getProtocol();
        AccountConnection account = config.forProtocol(protocol)
                .orElseThrow(() -> new MessagingException("Mail Console has no active "
                        + (protocol == null ? "POP3 or IMAP" : protocol.toUpperCase()) + " account to connect a store to"));
        LiveConfigSource source = state.config().source();
        ConnectionSettings connection = LiveTransport.forConnect(source, account);
        try {
            try {
                connect(source, account, connection);
            } catch (AuthenticationFailedException e) {
                if (!source.loginRejected(account, connection)) {
                    throw e;
                }
                // a revoked or otherwise refused OAuth 2.0 token was dropped: once more with a new one
                connect(source, account, LiveTransport.forConnect(source, account));
            }
            state.inboundResults().succeeded(account);
        } catch (MessagingException | RuntimeException e) {
            state.inboundResults().failed(account, e);
            throw e;
        }
        return true;
    }

    private void connect(LiveConfigSource source, AccountConnection account, ConnectionSettings connection)
            throws MessagingException {
        Session angus = ConnectionSessions.session(connection);
        LiveTranscript recording = source.startTranscript(account, angus, "read",
                LiveTransport.secretOf(connection));
        Store store = angus.getStore(connection.mailProtocol());
        try {
            connection.requireSingleLineValues();
            store.connect(connection.host(), connection.port(), connection.user(), connection.secret());
        } catch (MessagingException e) {
            if (recording != null) {
                recording.finish("connect failed: " + e.getMessage());
            }
            throw e;
        }
        transcript = recording;
        delegate = store;
    }

    @Override
    public synchronized Folder getDefaultFolder() throws MessagingException {
        return connected().getDefaultFolder();
    }

    @Override
    public synchronized Folder getFolder(String name) throws MessagingException {
        return connected().getFolder(name);
    }

    @Override
    public synchronized Folder getFolder(URLName url) throws MessagingException {
        return connected().getFolder(url);
    }

    @Override
    public synchronized void close() throws MessagingException {
        try {
            if (delegate != null) {
                delegate.close();
            }
        } finally {
            delegate = null;
            if (transcript != null) {
                transcript.finish("store closed");
                transcript = null;
            }
            super.close();
        }
    }

    private Store connected() {
        if (delegate == null) {
            throw new IllegalStateException("not connected");
        }
        return delegate;
    }
}
