package org.mailconsole.model.emaillog;

import java.time.Instant;
import java.util.List;

/**
 * One message of the email log (email-model.md section 5).
 *
 * @param recipients        the envelope recipients the app gave
 * @param actualRecipients  those the message goes to (after the test address and the filters)
 * @param blockedRecipients left out by an address filter, with the reason
 * @param refusedRecipients refused by the server while others were accepted, with its reply
 * @param source            the sending webapp's context path ("/shop"), or "console"
 * @param replyCode         the last SMTP reply code; null when there was none (connection failure, skipped)
 * @param reason            why the entry is where it is, in words (a named failure, "cancelled by ...")
 * @param nextAttemptAt     when the sender tries again (Outbox only)
 * @param claimedBy         the sender delivering it right now, or null
 */
public record EmailEntry(
        long id,
        Instant createdAt,
        Instant updatedAt,
        EmailState state,
        String messageId,
        String from,
        String subject,
        long size,
        List<String> recipients,
        List<String> actualRecipients,
        List<RecipientNote> blockedRecipients,
        List<RecipientNote> refusedRecipients,
        Long accountId,
        String accountName,
        String source,
        Integer replyCode,
        String reply,
        String reason,
        int attempts,
        Instant nextAttemptAt,
        String claimedBy,
        Instant claimExpiresAt) {

    public EmailEntry {
        recipients = List.copyOf(recipients);
        actualRecipients = List.copyOf(actualRecipients);
        blockedRecipients = List.copyOf(blockedRecipients);
        refusedRecipients = List.copyOf(refusedRecipients);
    }

    /** Whether a sender holds it at {@code now} (delivering it). */
    public boolean claimedAt(Instant now) {
        return claimedBy != null && claimExpiresAt != null && claimExpiresAt.isAfter(now);
    }
}
