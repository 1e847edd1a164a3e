package org.mailconsole.model.emaillog;

import java.time.Instant;
import java.util.List;

/**
 * A message handed to the shared session, as it is written to the log; built by name
 * ({@link #builder()}). With its raw MIME it goes into the Outbox ({@link EmailState#SEND_READY});
 * without, straight to Skipped ({@link EmailState#SEND_IGNORED}) with the reason.
 */
public record NewEmail(
        Instant createdAt,
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
        if (createdAt == null) {
            throw new IllegalArgumentException("a new email needs the time it was handed over");
        }
        if (mime == null && reason == null) {
            throw new IllegalArgumentException("a message skipped without its MIME needs the reason");
        }
        recipients = List.copyOf(recipients);
        actualRecipients = List.copyOf(actualRecipients);
        blockedRecipients = List.copyOf(blockedRecipients);
    }

    /** SEND_READY with its MIME, SEND_IGNORED without. */
    public EmailState state() {
        return mime == null ? EmailState.SEND_IGNORED : EmailState.SEND_READY;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link NewEmail} by name; the lists are empty unless set. */
    public static final class Builder {
        private Instant createdAt;
        private String messageId;
        private String from;
        private String subject;
        private long size;
        private List<String> recipients = List.of();
        private List<String> actualRecipients = List.of();
        private List<RecipientNote> blockedRecipients = List.of();
        private Long accountId;
        private String accountName;
        private String source;
        private String reason;
        private byte[] mime;

        private Builder() {
        }

        public Builder createdAt(Instant value) { createdAt = value; return this; }
        public Builder messageId(String value) { messageId = value; return this; }
        public Builder from(String value) { from = value; return this; }
        public Builder subject(String value) { subject = value; return this; }
        public Builder size(long value) { size = value; return this; }
        public Builder recipients(List<String> value) { recipients = value; return this; }
        public Builder actualRecipients(List<String> value) { actualRecipients = value; return this; }
        public Builder blockedRecipients(List<RecipientNote> value) { blockedRecipients = value; return this; }
        public Builder account(Long id, String name) { accountId = id; accountName = name; return this; }
        public Builder source(String value) { source = value; return this; }
        public Builder reason(String value) { reason = value; return this; }
        public Builder mime(byte[] value) { mime = value; return this; }

        public NewEmail build() {
            return new NewEmail(createdAt, messageId, from, subject, size, recipients, actualRecipients,
                    blockedRecipients, accountId, accountName, source, reason, mime);
        }
    }
}
