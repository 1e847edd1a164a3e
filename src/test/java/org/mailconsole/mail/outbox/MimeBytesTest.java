package org.mailconsole.mail.outbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MimeBytesTest {
    private final Session session = Session.getInstance(new Properties());

    @Test
    void theKeptBytesAreExactlyWhatWriteToWrites() throws Exception {
        for (MimeMessage message : List.of(plain(), nonAscii(), multipart())) {
            byte[] kept = MimeBytes.of(message);
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            message.writeTo(expected);
            assertArrayEquals(expected.toByteArray(), kept, new String(kept, StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void theKeptBytesReadBackAsJakartaMailReadsThemAndAreWrittenAsItWritesThem() throws Exception {
        for (MimeMessage message : List.of(plain(), nonAscii(), multipart(), folded())) {
            byte[] kept = MimeBytes.of(message);
            MimeMessage read = MimeBytes.message(session, kept);
            MimeMessage library = new MimeMessage(session, new ByteArrayInputStream(kept));
            assertEquals(lines(library), lines(read));
            assertEquals(library.getSubject(), read.getSubject());
            assertArrayEquals(library.getFrom(), read.getFrom());
            String[] ignored = {"Bcc", "Content-Length"}; // as SMTPTransport writes a message
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            library.writeTo(expected, ignored);
            ByteArrayOutputStream written = new ByteArrayOutputStream();
            read.writeTo(written, ignored);
            assertArrayEquals(expected.toByteArray(), written.toByteArray(),
                    new String(written.toByteArray(), StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void aNonAsciiSubjectAndBodyAreEncodedNotCut() throws Exception {
        String kept = new String(MimeBytes.of(nonAscii()), StandardCharsets.US_ASCII);
        assertTrue(kept.contains("=?UTF-8?"), kept); // the subject as an encoded word
        assertTrue(kept.contains("Content-Transfer-Encoding: quoted-printable"), kept);
    }

    private MimeMessage plain() throws Exception {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress("app@shop.example"));
        m.setRecipients(Message.RecipientType.TO, "a@customer.example, b@customer.example");
        m.setRecipients(Message.RecipientType.BCC, "audit@shop.example");
        m.setSubject("Order 1234 confirmed");
        m.setText("Thank you for your order.\r\nA long line " + "x".repeat(200));
        m.saveChanges();
        return m;
    }

    private MimeMessage nonAscii() throws Exception {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress("app@shop.example", "Café Müller", "UTF-8"));
        m.setRecipients(Message.RecipientType.TO, "a@customer.example");
        m.setSubject("Grüße aus Köln: Ihre Bestellung", "UTF-8");
        m.setText("Schöne Grüße – und danke!", "UTF-8");
        m.saveChanges();
        return m;
    }

    /** Header lines that go on over several lines, and one that Jakarta Mail would not write. */
    private MimeMessage folded() throws Exception {
        MimeMessage m = plain();
        m.setHeader("X-Long", "a value that goes on" + " and on".repeat(30));
        m.addHeaderLine("X-Folded: first part\r\n\tsecond part");
        m.saveChanges();
        return m;
    }

    private static List<String> lines(MimeMessage message) throws Exception {
        return Collections.list(message.getAllHeaderLines());
    }

    private MimeMessage multipart() throws Exception {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress("app@shop.example"));
        m.setRecipients(Message.RecipientType.TO, "a@customer.example");
        m.setSubject("Your invoice");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("See the attachment.");
        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setContent(new byte[] {0, 1, 2, (byte) 0xff}, "application/octet-stream");
        attachment.setFileName("invoice.bin");
        m.setContent(new MimeMultipart(text, attachment));
        m.saveChanges();
        return m;
    }
}
