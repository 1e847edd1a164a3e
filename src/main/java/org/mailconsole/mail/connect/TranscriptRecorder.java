package org.mailconsole.mail.connect;

import jakarta.mail.Session;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import org.mailconsole.model.FieldLimits;

/**
 * Records the protocol exchange of one session (jakarta.mail debug output) redacted as it goes:
 * authentication commands lose their arguments, lone base64 lines (SASL responses) are hidden,
 * every known secret (and its base64 forms) is replaced wherever it appears, and a message's body
 * (SMTP DATA, POP3 RETR, IMAP FETCH and APPEND) is replaced by its size: transcripts are for the
 * exchange, and a body holds what no one reading the debug log should see (reset links, codes).
 * What it holds stays within the stored limit ({@link FieldLimits#TRANSCRIPT}).
 */
public final class TranscriptRecorder {
    /** Package-private: a test watches what it holds while a message goes through. */
    final TranscriptStream stream;

    private TranscriptRecorder(TranscriptStream stream) {
        this.stream = stream;
    }

    /** Turns on the session's debug output into a new recorder; secrets are what to redact. */
    public static TranscriptRecorder attach(Session session, Collection<String> secrets) {
        TranscriptRecorder recorder = new TranscriptRecorder(new TranscriptStream(secrets, FieldLimits.TRANSCRIPT));
        // one byte per character, so the recorder can tell how long a literal it reads is (TranscriptStream)
        session.setDebugOut(new PrintStream(recorder.stream, true, StandardCharsets.ISO_8859_1));
        session.setDebug(true);
        return recorder;
    }

    /** What was exchanged so far, redacted. */
    public String transcript() {
        return stream.text();
    }
}
