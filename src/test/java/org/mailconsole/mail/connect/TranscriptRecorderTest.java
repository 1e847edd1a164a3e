package org.mailconsole.mail.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class TranscriptRecorderTest {
    static final String SECRET = "canary-secret-8812";

    static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
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
        String redacted = TranscriptRecorder.redact(raw, List.of());
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
        String redacted = TranscriptRecorder.redact(raw, List.of(SECRET));
        assertFalse(redacted.contains(SECRET), redacted);
        assertFalse(redacted.contains(blob), redacted);
        assertFalse(redacted.contains(b64(SECRET).substring(2, 12)), redacted);
        assertTrue(redacted.contains("DEBUG: weird line [redacted]"), redacted);
    }

    @Test
    void ordinaryLinesAreUntouched() {
        String raw = "220 mail.example.com ESMTP ready\nQUIT\n221 Bye";
        assertEquals(raw, TranscriptRecorder.redact(raw, List.of("ab", SECRET)));
    }
}
