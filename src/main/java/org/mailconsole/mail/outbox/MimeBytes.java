package org.mailconsole.mail.outbox;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.angus.mail.util.LineInputStream;
import org.eclipse.angus.mail.util.LineOutputStream;

/**
 * An app's message as the bytes the Outbox keeps (exactly what {@code MimeMessage.writeTo} writes),
 * and those bytes as a message again for delivery. Both go through Angus's line streams directly:
 * otherwise Jakarta Mail looks its stream provider up again (a ServiceLoader scan of the class
 * path, jakartaee/mail-api#861) for every message, a cost an app's hand-over and a burst to a slow
 * relay both felt (measured: docs/benchmarks.md, "Parallel delivery to a slow relay").
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

    /** The stored bytes as a message to send through {@code session}; written out, they come back unchanged. */
    static MimeMessage message(Session session, byte[] mime) throws MessagingException {
        return new Stored(session, mime);
    }

    /** A message read from its bytes with its header lines read as {@code InternetHeaders.load} reads them. */
    private static final class Stored extends MimeMessage {
        Stored(Session session, byte[] mime) throws MessagingException {
            super(session, new ByteArrayInputStream(mime));
        }

        @Override
        protected InternetHeaders createInternetHeaders(InputStream in) throws MessagingException {
            InternetHeaders headers = new InternetHeaders();
            boolean utf8 = session != null && Boolean.parseBoolean(session.getProperty("mail.mime.allowutf8"));
            LineInputStream lines = new LineInputStream(in, utf8);
            try {
                for (String line = lines.readLine(); line != null && !line.isEmpty(); line = lines.readLine()) {
                    headers.addHeaderLine(line); // a line that begins with a space or tab continues the last one
                }
            } catch (IOException e) {
                throw new MessagingException("cannot read the stored message's headers: " + e.getMessage(), e);
            }
            return headers;
        }
    }
}
