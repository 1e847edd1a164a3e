package org.mailconsole.model.emaillog;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one delivery attempt came to, as the sender records it; built by name ({@link #builder()}).
 *
 * @param outcome       what the attempt came to; the entry's new state follows from it ({@link #state()})
 * @param replyCode     the deciding SMTP reply code (Graph: the HTTP status); null for a connection failure
 * @param reply         the server's reply text, or the named failure
 * @param reason        why the entry is where it is now, in words
 * @param recipients    the recipients this attempt went to (after the policy in effect at delivery); empty
 *                      when none was tried (skipped)
 * @param refused       recipients refused while others were accepted, with the replies
 * @param nextAttemptAt when a deferred message is tried again; null otherwise
 * @param transcriptId  the attempt's debug transcript, if its account records them
 */
public record AttemptResult(
        Instant at,
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
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(outcome, "outcome");
        if ((outcome == Outcome.DEFERRED) != (nextAttemptAt != null)) {
            throw new IllegalArgumentException("a deferred attempt, and only one, names its next attempt");
        }
        recipients = List.copyOf(recipients);
        refused = List.copyOf(refused);
    }

    /** The entry's state after this attempt: SENT, SEND_FAILED, SEND_IGNORED, or SEND_READY (deferred). */
    public EmailState state() {
        return outcome.state();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().at(at).outcome(outcome).reply(replyCode, reply).reason(reason).recipients(recipients)
                .refused(refused).nextAttemptAt(nextAttemptAt).account(accountId, accountName).transcriptId(transcriptId);
    }

    /** Builds an {@link AttemptResult} by name; the lists are empty unless set. */
    public static final class Builder {
        private Instant at;
        private Outcome outcome;
        private Integer replyCode;
        private String reply;
        private String reason;
        private List<String> recipients = List.of();
        private List<RecipientNote> refused = List.of();
        private Instant nextAttemptAt;
        private Long accountId;
        private String accountName;
        private Long transcriptId;

        private Builder() {
        }

        public Builder at(Instant value) { at = value; return this; }
        public Builder outcome(Outcome value) { outcome = value; return this; }
        public Builder reply(Integer code, String text) { replyCode = code; reply = text; return this; }
        public Builder reason(String value) { reason = value; return this; }
        public Builder recipients(List<String> value) { recipients = value; return this; }
        public Builder refused(List<RecipientNote> value) { refused = value; return this; }
        public Builder nextAttemptAt(Instant value) { nextAttemptAt = value; return this; }
        public Builder account(Long id, String name) { accountId = id; accountName = name; return this; }
        public Builder transcriptId(Long value) { transcriptId = value; return this; }

        public AttemptResult build() {
            return new AttemptResult(at, outcome, replyCode, reply, reason, recipients, refused, nextAttemptAt,
                    accountId, accountName, transcriptId);
        }
    }
}
