package org.mailconsole.mail.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.mailconsole.model.FieldLimits;
import org.mailconsole.testing.ScriptedSmtp;

class TranscriptRecorderTest {
    static final String SECRET = "canary-secret-8812";

    static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Redacts a raw transcript as a recorder would have while it was written. */
    static String redact(String raw, Collection<String> secrets) {
        TranscriptStream stream = new TranscriptStream(secrets, FieldLimits.TRANSCRIPT);
        byte[] bytes = raw.getBytes(StandardCharsets.ISO_8859_1);
        stream.write(bytes, 0, bytes.length);
        return stream.text();
    }

    @Test
    void authenticationCommandsKeepTheirVerbAndLoseTheirArguments() {
        String raw = String.join("\n",
                "EHLO client.example",
                "250-smtp.example Hello",
                "250-AUTH PLAIN LOGIN XOAUTH2",
                "250 AUTH PLAIN LOGIN",
                "AUTH PLAIN " + b64("\0alice\0" + SECRET),
                "A1 AUTHENTICATE XOAUTH2 " + b64("user=alice\1auth=Bearer " + SECRET + "\1\1"),
                "A2 LOGIN alice " + SECRET,
                "PASS " + SECRET,
                "USER alice",
                "* CAPABILITY IMAP4rev1 AUTH=PLAIN STARTTLS");
        String redacted = redact(raw, List.of());
        assertTrue(redacted.contains("EHLO client.example"));
        assertTrue(redacted.contains("250-AUTH PLAIN LOGIN XOAUTH2"));
        assertTrue(redacted.contains("250 AUTH PLAIN LOGIN"));
        assertTrue(redacted.contains("AUTH PLAIN [redacted]"), redacted);
        assertTrue(redacted.contains("A1 AUTHENTICATE XOAUTH2 [redacted]"), redacted);
        assertTrue(redacted.contains("A2 LOGIN [redacted]"), redacted);
        assertTrue(redacted.contains("PASS [redacted]"), redacted);
        assertTrue(redacted.contains("USER alice"));
        assertTrue(redacted.contains("* CAPABILITY IMAP4rev1 AUTH=PLAIN STARTTLS"));
        assertFalse(redacted.contains(SECRET));
    }

    @Test
    void loneBase64LinesAndKnownSecretsAnywhereAreHidden() {
        String blob = b64("\0alice@example.com\0" + SECRET);
        String raw = "334 \n" + blob + "\nDEBUG: weird line " + SECRET + " and " + b64("xy" + SECRET + "z") + " end";
        String redacted = redact(raw, List.of(SECRET));
        assertFalse(redacted.contains(SECRET), redacted);
        assertFalse(redacted.contains(blob), redacted);
        assertFalse(redacted.contains(b64(SECRET).substring(2, 12)), redacted);
        assertTrue(redacted.contains("DEBUG: weird line [redacted]"), redacted);
    }

    @Test
    void ordinaryLinesAreUntouched() {
        String raw = "220 mail.example.com ESMTP ready\nQUIT\n221 Bye";
        assertEquals(raw, redact(raw, List.of("ab", SECRET)));
    }

    @Test
    void anSmtpMessageKeepsItsHeadersAndLosesItsBody() {
        String raw = String.join("\r\n",
                "MAIL FROM:<app@example.com>", "250 2.1.0 OK", "RCPT TO:<bob@example.com>", "250 2.1.5 OK",
                "DATA", "354 go ahead",
                "Subject: Your password reset", "From: app@example.com", "",
                "Open https://shop.example/reset?code=ONE-TIME-8812 within an hour.",
                "..a stuffed line", "DATA", "RETR 1", "* 1 FETCH (BODY[] {99}",
                ".", "250 2.0.0 queued", "QUIT", "221 bye", "");
        String redacted = redact(raw, List.of());
        assertTrue(redacted.contains("Subject: Your password reset"), redacted);
        assertTrue(redacted.contains("[body: 124 bytes, not recorded]\n.\n250 2.0.0 queued\nQUIT"), redacted);
        assertFalse(redacted.contains("ONE-TIME-8812"), redacted);
        assertFalse(redacted.contains("stuffed"), redacted);
    }

    @Test
    void aPop3RetrieveKeepsTheHeadersOnly() {
        String raw = String.join("\r\n", "+OK ready", "USER bob", "+OK", "RETR 1", "+OK 80 octets",
                "Subject: code", "", "Your code is 482913", ".", "DELE 1", "+OK", "");
        String redacted = redact(raw, List.of());
        assertTrue(redacted.contains("Subject: code\n\n[body: 21 bytes, not recorded]\n.\nDELE 1"), redacted);
        assertFalse(redacted.contains("482913"), redacted);
    }

    @Test
    void imapLiteralsOfMessageContentAreCountedAndHeaderLiteralsKept() {
        String message = "Subject: code\r\nFrom: a@example.com\r\n\r\nYour code is 482913\r\n";
        String part = "second piece 482913";
        String header = "Subject: code\r\n\r\n";
        String raw = "A3 FETCH 1 (BODY.PEEK[]<0.16384>)\r\n"
                + "* 1 FETCH (UID 7 BODY[]<0> {" + message.length() + "}\r\n" + message + " FLAGS (\\Seen))\r\n"
                + "* 1 FETCH (BODY[]<16384> {" + part.length() + "}\r\n" + part + ")\r\n"
                + "* 1 FETCH (BODY[HEADER] {" + header.length() + "}\r\n" + header
                + " BODY[TEXT] {" + part.length() + "}\r\n" + part + ")\r\n"
                + "A3 OK FETCH completed\r\n"
                + "A4 APPEND INBOX {" + message.length() + "}\r\n+ go ahead\r\n" + message + "\r\nA4 OK\r\n";
        String redacted = redact(raw, List.of());
        assertFalse(redacted.contains("482913"), redacted);
        assertTrue(redacted.contains("From: a@example.com\n\n[body: 21 bytes, not recorded]\n FLAGS"), redacted);
        assertTrue(redacted.contains("[body: 19 bytes, not recorded]"), redacted);
        assertTrue(redacted.contains("A3 OK FETCH completed"), redacted);
        assertTrue(redacted.contains("A4 OK"), redacted);
        assertEquals(4, redacted.split("\\[body: ", -1).length - 1, redacted);
    }

    /**
     * A 30 MB message sent for real (Angus to {@link ScriptedSmtp}) with a recorder on the session: what the
     * recorder holds stays under the stored limit all along, and the transcript keeps the exchange, not the body.
     */
    @Test
    void a30MbMessageLeavesTheBufferUnderItsCap() throws Exception {
        try (ScriptedSmtp server = ScriptedSmtp.start()) {
            Properties properties = new Properties();
            properties.put("mail.smtp.host", "127.0.0.1");
            properties.put("mail.smtp.port", String.valueOf(server.port()));
            Session session = Session.getInstance(properties);
            TranscriptRecorder recorder = TranscriptRecorder.attach(session, List.of());
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress("app@example.com"));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress("bob@example.com"));
            message.setSubject("big attachment");
            MimeBodyPart text = new MimeBodyPart();
            text.setText("reset code BODY-CANARY-5521");
            MimeBodyPart attachment = new MimeBodyPart();
            byte[] data = new byte[30 * 1024 * 1024];
            new java.util.Random(7).nextBytes(data);
            attachment.setContent(data, "application/octet-stream");
            attachment.setFileName("big.bin");
            message.setContent(new MimeMultipart(text, attachment));
            message.saveChanges();

            AtomicInteger peak = new AtomicInteger();
            AtomicBoolean sending = new AtomicBoolean(true);
            Thread watch = new Thread(() -> {
                while (sending.get()) {
                    peak.accumulateAndGet(recorder.stream.held(), Math::max);
                    Thread.onSpinWait();
                }
            });
            watch.start();
            try {
                Transport.send(message);
            } finally {
                sending.set(false);
                watch.join();
            }
            assertEquals(1, server.received().size());
            assertTrue(server.received().get(0).data().length() > 30 * 1024 * 1024, "the whole message went");
            peak.accumulateAndGet(recorder.stream.held(), Math::max);
            assertTrue(peak.get() <= FieldLimits.TRANSCRIPT, "held " + peak.get());
            assertTrue(peak.get() < 64 * 1024, "the headers and the exchange only: held " + peak.get());
            String transcript = recorder.transcript();
            assertTrue(transcript.length() <= FieldLimits.TRANSCRIPT);
            assertTrue(transcript.contains("Subject: big attachment"), transcript);
            assertTrue(transcript.matches("(?s).*\\[body: \\d{2},\\d{3},\\d{3} bytes, not recorded]\n\\.\n250 .*"), transcript);
            assertFalse(transcript.contains("BODY-CANARY-5521"), transcript);
        }
    }

    @Test
    void whatIsHeldStopsAtTheCapWhateverTheLines() {
        StringBuilder raw = new StringBuilder();
        for (int i = 0; i < 40_000; i++) {
            raw.append("250-line ").append(i).append(" of a very long exchange\r\n");
        }
        raw.append("X".repeat(TranscriptStream.LINE_LIMIT * 3)).append("\r\n");
        String redacted = redact(raw.toString(), List.of());
        assertTrue(redacted.length() <= FieldLimits.TRANSCRIPT, "length " + redacted.length());
        assertTrue(redacted.contains("250-line 0 of"), redacted.substring(0, 100));
        assertTrue(redacted.endsWith("more characters not recorded]"), redacted.substring(redacted.length() - 100));
    }
}
