package org.mailconsole.model.emaillog;

import java.time.Instant;
import java.util.List;

/**
 * One message of the email log (email-model.md section 5); built by name ({@link #builder()}).
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

    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link EmailEntry} by name; the lists are empty unless set. */
    public static final class Builder {
        private long id;
        private Instant createdAt;
        private Instant updatedAt;
        private EmailState state;
        private String messageId;
        private String from;
        private String subject;
        private long size;
        private List<String> recipients = List.of();
        private List<String> actualRecipients = List.of();
        private List<RecipientNote> blockedRecipients = List.of();
        private List<RecipientNote> refusedRecipients = List.of();
        private Long accountId;
        private String accountName;
        private String source;
        private Integer replyCode;
        private String reply;
        private String reason;
        private int attempts;
        private Instant nextAttemptAt;
        private String claimedBy;
        private Instant claimExpiresAt;

        private Builder() {
        }

        public Builder id(long value) { id = value; return this; }
        public Builder createdAt(Instant value) { createdAt = value; return this; }
        public Builder updatedAt(Instant value) { updatedAt = value; return this; }
        public Builder state(EmailState value) { state = value; return this; }
        public Builder messageId(String value) { messageId = value; return this; }
        public Builder from(String value) { from = value; return this; }
        public Builder subject(String value) { subject = value; return this; }
        public Builder size(long value) { size = value; return this; }
        public Builder recipients(List<String> value) { recipients = value; return this; }
        public Builder actualRecipients(List<String> value) { actualRecipients = value; return this; }
        public Builder blockedRecipients(List<RecipientNote> value) { blockedRecipients = value; return this; }
        public Builder refusedRecipients(List<RecipientNote> value) { refusedRecipients = value; return this; }
        public Builder account(Long id, String name) { accountId = id; accountName = name; return this; }
        public Builder source(String value) { source = value; return this; }
        public Builder reply(Integer code, String text) { replyCode = code; reply = text; return this; }
        public Builder reason(String value) { reason = value; return this; }
        public Builder attempts(int value) { attempts = value; return this; }
        public Builder nextAttemptAt(Instant value) { nextAttemptAt = value; return this; }
        public Builder claim(String by, Instant expiresAt) { claimedBy = by; claimExpiresAt = expiresAt; return this; }

        public EmailEntry build() {
            return new EmailEntry(id, createdAt, updatedAt, state, messageId, from, subject, size, recipients,
                    actualRecipients, blockedRecipients, refusedRecipients, accountId, accountName, source, replyCode,
                    reply, reason, attempts, nextAttemptAt, claimedBy, claimExpiresAt);
        }
    }
}
