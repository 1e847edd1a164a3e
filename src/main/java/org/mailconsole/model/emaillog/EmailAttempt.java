package org.mailconsole.model.emaillog;

import java.time.Instant;
import java.util.List;

/**
 * One delivery attempt of a log entry.
 *
 * @param outcome      what the attempt came to
 * @param replyCode    the SMTP reply code, null after a connection failure
 * @param reply        the server's reply, or the named connection failure
 * @param recipients   the recipients it went to (empty for attempts recorded before they were kept)
 * @param transcriptId the debug transcript of the connection, when its account records one
 */
public record EmailAttempt(long id, long entryId, Instant at, Outcome outcome, Integer replyCode, String reply,
                           List<String> recipients, Long transcriptId) {
}
