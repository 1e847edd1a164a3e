package org.mailconsole.model.emaillog;

import java.time.Instant;
import java.util.List;

/**
 * What one delivery attempt came to, as the sender records it.
 *
 * @param state         the entry's new state: SENT, SEND_FAILED, or SEND_READY (deferred, with nextAttemptAt)
 * @param outcome       what the attempt came to
 * @param replyCode     the deciding SMTP reply code; null for a connection failure
 * @param reply         the server's reply text, or the named failure
 * @param recipients    the recipients this attempt went to (after the policy in effect at delivery); empty
 *                      when none was tried (skipped)
 * @param refused       recipients refused while others were accepted, with the replies
 * @param nextAttemptAt when a deferred message is tried again; null otherwise
 */
public record AttemptResult(
        Instant at,
        EmailState state,
        Outcome outcome,
        Integer replyCode,
        String reply,
        String reason,
        List<String> recipients,
        List<RecipientNote> refused,
        Instant nextAttemptAt,
        Long accountId,
        String accountName,
        Long transcriptId) {

    public AttemptResult {
        recipients = List.copyOf(recipients);
        refused = List.copyOf(refused);
    }
}
