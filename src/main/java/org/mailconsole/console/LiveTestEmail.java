package org.mailconsole.console;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Date;
import org.mailconsole.mail.live.LiveTransport;

/**
 * Sends a test email through the live session, so it takes exactly the path of every webapp's
 * mail (effective configuration, policy, From, security). The answer carries the server's last reply.
 */
public final class LiveTestEmail {
    private final Session session;

    public LiveTestEmail(Session session) {
        this.session = session;
    }

    public record Result(boolean ok, String message, String reply) {
    }

    /** @param settings the outgoing connection in effect, to name the cause of a failure (null: the server's words) */
    public Result send(String to, org.mailconsole.mail.connect.ConnectionSettings settings) {
        try {
            MimeMessage message = new MimeMessage(session);
            message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to, true));
            message.setSubject("Mail Console test email");
            message.setSentDate(new Date());
            message.setText("This is a test email sent by Mail Console with the mail settings in effect.");
            message.saveChanges();
            Transport transport = session.getTransport("smtp");
            try {
                transport.connect();
                transport.sendMessage(message, message.getAllRecipients());
                String reply = transport instanceof LiveTransport live ? live.lastServerResponse() : "";
                return reply.isBlank()
                        ? new Result(false, "not sent: sending is off or no outgoing server is set", "")
                        : new Result(true, "sent", reply.trim());
            } finally {
                transport.close();
            }
        } catch (MessagingException e) {
            return new Result(false, "Not sent: " + (settings == null ? e.getMessage()
                    : org.mailconsole.mail.connect.FailureCauses.describeSend(e, settings)), "");
        }
    }
}
