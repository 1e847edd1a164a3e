package org.mailconsole.mail.connect;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.util.Date;

/** The test email itself, the same whichever way it is sent (an SMTP connection or Microsoft Graph). */
public final class TestEmailMessage {
    private TestEmailMessage() {
    }

    /** The message from {@code from} (with the display name, when there is one) to {@code to}, ready to send. */
    public static MimeMessage build(Session session, String from, String displayName, String to)
            throws MessagingException, UnsupportedEncodingException {
        MimeMessage mail = new MimeMessage(session);
        mail.setFrom(displayName == null || displayName.isBlank()
                ? new InternetAddress(from) : new InternetAddress(from, displayName, "UTF-8"));
        mail.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to, true));
        mail.setSubject("Mail Console test email", "UTF-8");
        mail.setSentDate(new Date());
        mail.setText("This is a test email sent from Mail Console to check the outgoing mail settings.", "UTF-8");
        mail.saveChanges();
        return mail;
    }
}
