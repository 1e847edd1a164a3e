package org.mailconsole.web.api;

import java.util.List;
import org.mailconsole.model.TranscriptEntry;

/** One kept, redacted transcript of an account. */
public record TranscriptJson(long id, String at, String kind, String outcome, String transcript) {
    public record ListJson(List<TranscriptJson> transcripts) {
    }

    static TranscriptJson of(TranscriptEntry entry) {
        return new TranscriptJson(entry.id(), entry.at().toString(), entry.kind(), entry.outcome(), entry.text());
    }
}
