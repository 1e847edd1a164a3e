package org.mailconsole.mail.outbox;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.URLName;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSSLTransport;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.mailconsole.mail.connect.ConnectionSessions;
import org.mailconsole.mail.connect.ConnectionSettings;
import org.mailconsole.mail.connect.FailureCauses;
import org.mailconsole.mail.live.AccountConnection;
import org.mailconsole.mail.live.ConfigSnapshot;
import org.mailconsole.mail.live.LiveConfigSource;
import org.mailconsole.mail.live.LiveTranscript;
import org.mailconsole.mail.live.LiveTransport;
import org.mailconsole.mail.live.OutboundConfig;
import org.mailconsole.mail.live.SendPolicy;
import org.mailconsole.model.Authentication;
import org.mailconsole.model.ConnectionSecurity;
import org.mailconsole.model.emaillog.RecipientNote;

/**
 * Delivers stored messages over one Angus SMTP connection, kept for up to max_send messages and
 * replaced when the configuration's version changes, after any failure, and (for an account that
 * records debug transcripts) after each message, so each attempt has its own transcript.
 * Recipients are split into batches of max_recipients. Not thread-safe: one per sending thread.
 */
final class SmtpDelivery implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SmtpDelivery.class.getName());
    /** A connection idle longer than this is checked (NOOP) before it is used again. */
    private static final long IDLE_CHECK_NANOS = 2_000_000_000L;
    private static final Pattern BAD_GREETING = Pattern.compile("Got bad greeting from SMTP host: .*?response: (4\\d\\d.*)",
            Pattern.DOTALL);

    private final LiveConfigSource source;
    /** Connections open now, shared by every delivery of one engine (Diagnostics). */
    private final AtomicInteger open;
    private Session angus;
    private long angusVersion = -1;
    private Transport transport;
    private long transportVersion;
    private int sentOnTransport;
    private long lastUsed;
    private LiveTranscript transcript;

    SmtpDelivery(LiveConfigSource source, AtomicInteger open) {
        this.source = source;
        this.open = open;
    }

    /** Sends {@code mime} to {@code recipients} with the configuration of {@code snapshot}; never throws. */
    Delivery deliver(ConfigSnapshot snapshot, byte[] mime, List<String> recipients) {
        OutboundConfig config = snapshot.outbound();
        Delivery last = null;
        List<RecipientNote> refused = new ArrayList<>();
        boolean partlySent = false;
        try {
            MimeMessage message = MimeBytes.message(session(snapshot), mime);
            for (Address[] batch : SendPolicy.batches(recipients, config.maxRecipients())) {
                last = sendBatch(snapshot, message, batch);
                partlySent |= last.accepted();
                refused.addAll(last.refused());
                if (!last.accepted()) {
                    break;
                }
            }
        } catch (MessagingException e) {
            close();
            last = Delivery.failed(null, "the stored message cannot be read: " + e.getMessage());
        }
        if (last == null) {
            return Delivery.failed(null, "no recipient");
        }
        Long transcriptId = null;
        if (transcript != null) {
            transcriptId = finishTranscript(last.reply());
            close();
        }
        return last.ofMessage(refused, transcriptId, !partlySent && !last.accepted());
    }

    private Delivery sendBatch(ConfigSnapshot snapshot, MimeMessage message, Address[] batch) {
        ConnectionSettings settings = snapshot.outbound().connection();
        boolean reused;
        try {
            reused = !connect(snapshot);
        } catch (MessagingException e) {
            String greeting = greetingRefusal(e);
            String failure = FailureCauses.describe(e, settings, null);
            finishTranscript("connect failed: " + failure);
            close();
            return Delivery.connectFailed(failure, greeting);
        }
        try {
            transport.sendMessage(message, batch);
            sentOnTransport++;
            lastUsed = System.nanoTime();
            SMTPTransport smtp = (SMTPTransport) transport;
            return Delivery.accepted(smtp.getLastReturnCode(), reply(smtp.getLastServerResponse()), List.of());
        } catch (SendFailedException e) {
            Address[] sent = e.getValidSentAddresses();
            List<RecipientNote> refused = refused(e);
            if (sent != null && sent.length > 0) {
                sentOnTransport++;
                lastUsed = System.nanoTime();
                return Delivery.accepted(code(e), replyOf(e), refused);
            }
            close();
            return Delivery.notAccepted(code(e), replyOf(e), refused);
        } catch (MessagingException e) {
            close();
            if (reused && code(e) == null) {
                // a kept connection the server has dropped meanwhile (restarted, timed out): once more on a new
                // one, as its failure says nothing about the server; a message that may have gone is deferred
                // and retried all the same, so this adds no duplicate
                LOG.log(System.Logger.Level.DEBUG, "kept SMTP connection failed, trying a new one: " + e.getMessage());
                return sendBatch(snapshot, message, batch);
            }
            return Delivery.failed(code(e), code(e) == null ? FailureCauses.describe(e, settings, null) : replyOf(e));
        }
    }

    /** Whether a connection is kept open now. */
    boolean connected() {
        return transport != null;
    }

    /** Opens (or keeps) the connection for this snapshot; whether it opened a new one. */
    private boolean connect(ConfigSnapshot snapshot) throws MessagingException {
        OutboundConfig config = snapshot.outbound();
        if (transport != null && (transportVersion != snapshot.version() || sentOnTransport >= config.maxSend()
                || (System.nanoTime() - lastUsed > IDLE_CHECK_NANOS && !transport.isConnected()))) {
            close();
        }
        if (transport != null) {
            return false;
        }
        AccountConnection account = config.account();
        ConnectionSettings connection = LiveTransport.forConnect(source, account);
        try {
            open(snapshot, account, connection);
        } catch (AuthenticationFailedException e) {
            if (!source.loginRejected(account, connection)) {
                throw e;
            }
            // a revoked or otherwise refused OAuth 2.0 token was dropped: once more with a new one
            finishTranscript("login refused: " + e.getMessage());
            open(snapshot, account, LiveTransport.forConnect(source, account));
        }
        transportVersion = snapshot.version();
        sentOnTransport = 0;
        lastUsed = System.nanoTime();
        return true;
    }

    private void open(ConfigSnapshot snapshot, AccountConnection account, ConnectionSettings connection)
            throws MessagingException {
        connection.requireSingleLineValues();
        Session session = session(snapshot);
        LiveTranscript recording = null;
        if (account.recorded()) {
            session = ConnectionSessions.session(connection); // its own session: debug output is per session
            recording = source.startTranscript(account, session, "send", LiveTransport.secretOf(connection));
        }
        URLName name = new URLName(connection.mailProtocol(), connection.host(), connection.port(), null, null, null);
        Transport opened = connection.security() == ConnectionSecurity.SSL
                ? new SMTPSSLTransport(session, name) : new SMTPTransport(session, name);
        boolean login = connection.authentication() != Authentication.NONE;
        transcript = recording;
        opened.connect(connection.host(), connection.port(),
                login ? connection.user() : null, login ? connection.secret() : null);
        transport = opened;
        open.incrementAndGet();
    }

    /** The Angus session for this snapshot's connection, built once per configuration version. */
    private Session session(ConfigSnapshot snapshot) {
        if (angus == null || angusVersion != snapshot.version()) {
            angus = ConnectionSessions.session(snapshot.outbound().connection());
            angusVersion = snapshot.version();
        }
        return angus;
    }

    private Long finishTranscript(String outcome) {
        if (transcript == null) {
            return null;
        }
        Long id = transcript.finish(outcome == null ? "" : outcome.trim());
        transcript = null;
        return id;
    }

    /** The SMTP reply code that decided a failure, wherever it sits in the exception chain. */
    static Integer code(Throwable failure) {
        for (Throwable t : chain(failure)) {
            if (t instanceof SMTPSendFailedException e) {
                return e.getReturnCode();
            }
            if (t instanceof SMTPSenderFailedException e) {
                return e.getReturnCode();
            }
            if (t instanceof SMTPAddressFailedException e) {
                return e.getReturnCode();
            }
        }
        return null;
    }

    private static String replyOf(Throwable failure) {
        for (Throwable t : chain(failure)) {
            if (t instanceof SMTPSendFailedException || t instanceof SMTPSenderFailedException
                    || t instanceof SMTPAddressFailedException) {
                return reply(t.getMessage());
            }
        }
        return reply(failure.getMessage());
    }

    /** The recipients the server refused, each with its reply. */
    private static List<RecipientNote> refused(SendFailedException failure) {
        List<RecipientNote> refused = new ArrayList<>();
        for (Throwable t : chain(failure)) {
            if (t instanceof SMTPAddressFailedException e) {
                refused.add(new RecipientNote(e.getAddress().getAddress(), reply(e.getMessage())));
            }
        }
        if (refused.isEmpty() && failure.getInvalidAddresses() != null) {
            for (Address address : failure.getInvalidAddresses()) {
                refused.add(new RecipientNote(RecipientPolicy.addressOf(address),
                        reply(failure.getMessage())));
            }
        }
        return refused;
    }

    /** The failure, its causes and its next exceptions (where Angus chains the refused recipients). */
    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && !chain.contains(t) && chain.size() < 50; ) {
            chain.add(t);
            t = t instanceof MessagingException m && m.getNextException() != null ? m.getNextException() : t.getCause();
        }
        return chain;
    }

    /**
     * The relay's greeting when it refused the connection with a temporary code (421 before EHLO:
     * "too many connections"), which speaks of the relay's load, not of the message; null for any
     * other failure. Angus words it "Got bad greeting ... response: 421 ..." (SMTPTransport.openServer).
     */
    private static String greetingRefusal(MessagingException failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            Matcher matcher = t.getMessage() == null ? null : BAD_GREETING.matcher(t.getMessage());
            if (matcher != null && matcher.find()) {
                return reply(matcher.group(1));
            }
        }
        return null;
    }

    private static String reply(String text) {
        return text == null ? "" : text.trim().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }

    /** Closes the connection (if any); the next message opens a new one. */
    @Override
    public void close() {
        finishTranscript("connection closed");
        if (transport == null) {
            return;
        }
        try {
            transport.close();
        } catch (MessagingException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing an SMTP connection failed: " + e.getMessage());
        }
        transport = null;
        open.decrementAndGet();
    }
}
