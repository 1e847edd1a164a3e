package org.mailconsole.mail.connect;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Service;
import jakarta.mail.Session;
import java.util.Collection;
import org.mailconsole.model.Authentication;
import org.mailconsole.model.Protocol;

/**
 * Test Connection: connects as configured (TLS, STARTTLS required), authenticates, checks the
 * IMAP folder, and disconnects. Sends and reads nothing. Bounded by the connect and read timeouts.
 */
public final class ConnectionTester {
    private ConnectionTester() {
    }

    /**
     * @param folder    the IMAP folder to look for (ignored for SMTP and POP3)
     * @param record    whether to return the redacted protocol transcript
     * @param redact    values that must never appear in the transcript (secrets of the account)
     */
    public static ConnectionTestResult test(ConnectionSettings settings, String folder, boolean record,
                                            Collection<String> redact) {
        long start = System.nanoTime();
        ServerCertificateRecorder certificate = new ServerCertificateRecorder();
        Session session = Session.getInstance(ConnectionSessions.properties(settings, certificate));
        TranscriptRecorder recorder = record ? TranscriptRecorder.attach(session, redact) : null;
        String message;
        boolean ok;
        try {
            HostLookup.resolve(settings.host(), settings.connectTimeoutMs());
            message = connect(session, settings, folder);
            ok = true;
        } catch (java.net.UnknownHostException e) {
            message = FailureCauses.describe(new MessagingException(e.getMessage(), e), settings, certificate);
            ok = false;
        } catch (MessagingException | RuntimeException e) {
            message = FailureCauses.describe(e, settings, certificate);
            ok = false;
        }
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        return new ConnectionTestResult(ok, message, elapsedMs, recorder == null ? null : recorder.transcript());
    }

    private static String connect(Session session, ConnectionSettings settings, String folder)
            throws MessagingException {
        settings.requireSingleLineValues();
        boolean authenticate = settings.authentication() != Authentication.NONE;
        String user = authenticate ? settings.user() : null;
        String secret = authenticate ? settings.secret() : null;
        String where = settings.host() + ":" + settings.port();
        if (settings.protocol() == Protocol.SMTP) {
            try (Service transport = session.getTransport(settings.mailProtocol())) {
                transport.connect(settings.host(), settings.port(), user, secret);
            }
            return "Connected to " + where + (authenticate ? " and logged in" : "") + "; nothing was sent.";
        }
        jakarta.mail.Store store = session.getStore(settings.mailProtocol());
        try (store) {
            store.connect(settings.host(), settings.port(), user, secret);
            if (settings.protocol() == Protocol.IMAP) {
                Folder imapFolder = store.getFolder(folder == null || folder.isBlank() ? "INBOX" : folder);
                if (!imapFolder.exists()) {
                    throw new MessagingException("logged in, but the folder " + imapFolder.getFullName()
                            + " does not exist");
                }
            }
        }
        return "Connected to " + where + " and logged in; nothing was read.";
    }
}
