package org.mailconsole.console;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Date;
import org.mailconsole.mail.outbox.Outbox;
import org.mailconsole.mail.source.SendingWebapp;
import org.mailconsole.model.emaillog.EmailEntry;

/**
 * Sends a test email the way every webapp's mail goes (effective configuration, policy, From,
 * security, a log entry with source "console"), but synchronously: the Outbox attempts it at once
 * in this thread, so the answer carries the server's reply.
 */
public final class LiveTestEmail {
    private final Session session;
    private final Outbox outbox;

    public LiveTestEmail(Session session, Outbox outbox) {
        this.session = session;
        this.outbox = outbox;
    }

    /** {@code entryId}: the email log entry of the test email (null when nothing was logged). */
    public record Result(boolean ok, String message, String reply, Long entryId) {
        public Result(boolean ok, String message, String reply) {
            this(ok, message, reply, null);
        }
    }

    public Result send(String to) {
        try {
            MimeMessage message = new MimeMessage(session);
            message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to, true));
            message.setSubject("Mail Console test email");
            message.setSentDate(new Date());
            message.setText("This is a test email sent by Mail Console with the mail settings in effect.");
            message.saveChanges();
            EmailEntry entry = outbox.sendNow(message, SendingWebapp.CONSOLE);
            String reply = entry.reply() == null ? "" : entry.reply();
            return switch (entry.state()) {
                case SENT -> new Result(true, entry.refusedRecipients().isEmpty() ? "sent"
                        : "sent; refused: " + entry.refusedRecipients(), reply, entry.id());
                case SEND_IGNORED -> new Result(false, "not sent: " + entry.reason(), "", entry.id());
                case SEND_READY -> new Result(false, "not sent yet: " + waitReason(entry)
                        + " (it waits in the Outbox for the next attempt)", reply, entry.id());
                case SEND_FAILED -> new Result(false, "not sent: " + entry.reason(), reply, entry.id());
            };
        } catch (MessagingException e) {
            return new Result(false, "not sent: " + e.getMessage(), "");
        }
    }

    /**
     * Why it waits: its attempt's reason, or, when it went back unattempted (a throttle signal, a
     * refused greeting), why the Outbox waits now ("throttled by the relay until ...").
     */
    private String waitReason(EmailEntry entry) {
        if (entry.reason() != null) {
            return entry.reason();
        }
        return outbox.pausedReason().orElse("it went back to the Outbox unattempted");
    }
}
