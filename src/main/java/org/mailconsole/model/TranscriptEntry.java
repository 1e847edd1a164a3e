package org.mailconsole.model;

import java.time.Instant;

/** One recorded, redacted protocol exchange of an account (debug logging). */
public record TranscriptEntry(long id, long accountId, Instant at, String kind, String outcome, String text) {
}
