package org.mailconsole.mail.outbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.mail.Header;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** A stored message reads its headers as Jakarta Mail's own parse does, and is written out unchanged. */
class GatedMessageTest {
    final Session session = Session.getInstance(new Properties());

    @Test
    void readsTheHeadersAsJakartaMailDoesAndWritesTheSameBytes() throws Exception {
        byte[] stored = stored();
        MimeMessage jakarta = new MimeMessage(session, new ByteArrayInputStream(stored));
        GatedMessage gated = new GatedMessage(session, stored, DotGate.OPEN);

        assertEquals(headers(jakarta), headers(gated));
        assertEquals(jakarta.getSubject(), gated.getSubject());
        assertEquals(List.of(jakarta.getAllRecipients()), List.of(gated.getAllRecipients()));
        assertEquals(((MimeMultipart) jakarta.getContent()).getCount(), ((MimeMultipart) gated.getContent()).getCount());
        String[] ignore = {"Bcc", "Content-Length"};
        assertArrayEquals(written(jakarta, ignore), written(gated, ignore));
        assertArrayEquals(stored, written(gated, null));
    }

    /** A message with folded and non-ASCII headers, several recipients, a Bcc and two parts, as the Outbox keeps it. */
    private byte[] stored() throws Exception {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("Zoë Sender <zoe@example.com>"));
        List<InternetAddress> to = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            to.add(new InternetAddress("Recipient Number " + i + " <recipient" + i + "@example.com>"));
        }
        message.setRecipients(Message.RecipientType.TO, to.toArray(new InternetAddress[0]));
        message.setRecipient(Message.RecipientType.BCC, new InternetAddress("hidden@example.com"));
        message.setSubject("Grüße: a subject long enough to be folded over more than one line when it is encoded "
                + "as an RFC 2047 word, twice over", "UTF-8");
        message.setHeader("X-Empty", "");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Hallo, Welt — body text", "UTF-8");
        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setContent("a,b\n1,2\n", "text/csv");
        attachment.setFileName("data.csv");
        message.setContent(new MimeMultipart(text, attachment));
        message.saveChanges();
        String folded = new String(written(message, null), StandardCharsets.US_ASCII);
        assertEquals(true, folded.contains("\r\n\t") || folded.contains("\r\n "), "the test message has folded headers");
        return written(message, null);
    }

    private static List<String> headers(MimeMessage message) throws Exception {
        List<String> lines = new ArrayList<>();
        for (Header header : Collections.list(message.getAllHeaders())) {
            lines.add(header.getName() + ": " + header.getValue());
        }
        return lines;
    }

    private static byte[] written(MimeMessage message, String[] ignore) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out, ignore);
        return out.toByteArray();
    }
}
