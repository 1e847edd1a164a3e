package org.mailconsole.mail.connect;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.util.Collection;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.mailconsole.model.Authentication;

/** Sends one short test email through an SMTP connection and reports the server's final reply. */
public final class TestEmailSender {
    private TestEmailSender() {
    }

    public static TestEmailResult send(ConnectionSettings settings, String from, String displayName, String to,
                                       boolean record, Collection<String> redact) {
        ServerCertificateRecorder certificate = new ServerCertificateRecorder();
        Session session = Session.getInstance(ConnectionSessions.properties(settings, certificate));
        TranscriptRecorder recorder = record ? TranscriptRecorder.attach(session, redact) : null;
        String reply = null;
        boolean ok;
        String message;
        try {
            MimeMessage mail = TestEmailMessage.build(session, from, displayName, to);
            boolean authenticate = settings.authentication() != Authentication.NONE;
            settings.requireSingleLineValues();
            try (Transport transport = session.getTransport(settings.mailProtocol())) {
                transport.connect(settings.host(), settings.port(), authenticate ? settings.user() : null,
                        authenticate ? settings.secret() : null);
                try {
                    transport.sendMessage(mail, mail.getAllRecipients());
                } finally {
                    if (transport instanceof SMTPTransport smtp) {
                        reply = trim(smtp.getLastServerResponse());
                    }
                }
            }
            ok = true;
            message = "Sent to " + to + " through " + settings.host() + ":" + settings.port();
        } catch (SMTPSendFailedException e) {
            ok = false;
            reply = reply == null ? trim(e.getMessage()) : reply;
            message = "The server refused the message: " + reply;
        } catch (MessagingException | UnsupportedEncodingException | RuntimeException e) {
            ok = false;
            message = FailureCauses.describe(e, settings, certificate);
        }
        return new TestEmailResult(ok, message, reply, recorder == null ? null : recorder.transcript());
    }

    private static String trim(String reply) {
        return reply == null ? null : reply.trim();
    }
}
