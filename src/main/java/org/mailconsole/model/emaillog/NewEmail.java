package org.mailconsole.model.emaillog;

import java.time.Instant;
import java.util.List;

/**
 * A message handed to the shared session, as it is written to the log: into the Outbox
 * ({@link EmailState#SEND_READY}, with its raw MIME) or straight to Skipped ({@link EmailState#SEND_IGNORED},
 * with the reason and no MIME).
 */
public record NewEmail(
        Instant createdAt,
        EmailState state,
        String messageId,
        String from,
        String subject,
        long size,
        List<String> recipients,
        List<String> actualRecipients,
        List<RecipientNote> blockedRecipients,
        Long accountId,
        String accountName,
        String source,
        String reason,
        byte[] mime) {

    public NewEmail {
        if (state != EmailState.SEND_READY && state != EmailState.SEND_IGNORED) {
            throw new IllegalArgumentException("a new email is send-ready or send-ignored, not " + state);
        }
        if (state == EmailState.SEND_READY && mime == null) {
            throw new IllegalArgumentException("a message for the Outbox needs its MIME");
        }
        recipients = List.copyOf(recipients);
        actualRecipients = List.copyOf(actualRecipients);
        blockedRecipients = List.copyOf(blockedRecipients);
    }
}
