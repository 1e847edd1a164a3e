package org.mailconsole.mail.live;

import jakarta.mail.Session;
import java.time.Instant;
import java.util.Collection;
import org.mailconsole.model.TranscriptEntry;
import org.mailconsole.store.TranscriptStore;
import org.mailconsole.mail.connect.TranscriptRecorder;

/**
 * The recorded protocol exchange of one live connection (a webapp's send, a store's read) of an
 * account with debug logging on; kept, redacted, with the account's other transcripts when done.
 */
public final class LiveTranscript {
    private final long accountId;
    private final String kind;
    private final TranscriptRecorder recorder;
    private final TranscriptStore store;

    private LiveTranscript(long accountId, String kind, TranscriptRecorder recorder, TranscriptStore store) {
        this.accountId = accountId;
        this.kind = kind;
        this.recorder = recorder;
        this.store = store;
    }

    /** Starts recording {@code session} (one used for this connection only). */
    static LiveTranscript start(Session session, long accountId, String kind, Collection<String> redact,
                                TranscriptStore store) {
        return new LiveTranscript(accountId, kind, TranscriptRecorder.attach(session, redact), store);
    }

    /**
     * Keeps what was recorded, with a one-line outcome; the transcript's id, or null when it could not
     * be kept. Never throws: a log must not break a send.
     */
    public Long finish(String outcome) {
        try {
            return store.add(new TranscriptEntry(0, accountId, Instant.now(), kind, outcome, recorder.transcript()));
        } catch (RuntimeException e) {
            System.getLogger(LiveTranscript.class.getName()).log(System.Logger.Level.WARNING,
                    "could not keep a transcript: " + e.getMessage());
            return null;
        }
    }
}
