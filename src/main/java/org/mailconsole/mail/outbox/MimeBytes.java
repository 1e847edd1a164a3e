package org.mailconsole.mail.outbox;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.eclipse.angus.mail.util.LineOutputStream;

/**
 * An app's message as the bytes the Outbox keeps: exactly what {@code MimeMessage.writeTo} writes.
 * Written into Angus's line stream: given a plain stream, {@code writeTo} looks Jakarta Mail's
 * stream provider up again (a ServiceLoader scan of the class path,
 * jakartaee/mail-api#861) for every message, which was a sixth of an app's hand-over.
 */
final class MimeBytes {
    /** As Jakarta Mail's MimeBodyPart reads it, once per JVM: whether header lines are written as UTF-8. */
    private static final boolean ALLOW_UTF8 = Boolean.getBoolean("mail.mime.allowutf8");

    private MimeBytes() {
    }

    static byte[] of(MimeMessage message) throws MessagingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            message.writeTo(new LineOutputStream(out, ALLOW_UTF8));
        } catch (IOException e) {
            throw new MessagingException("cannot read the message: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }
}
