package org.mailconsole.model.emaillog;

import java.time.Instant;

/**
 * One delivery attempt of a log entry.
 *
 * @param outcome      what the attempt came to
 * @param replyCode    the SMTP reply code, null after a connection failure
 * @param reply        the server's reply, or the named connection failure
 * @param transcriptId the debug transcript of the connection, when its account records one
 */
public record EmailAttempt(long id, long entryId, Instant at, Outcome outcome, Integer replyCode, String reply,
                           Long transcriptId) {
}
