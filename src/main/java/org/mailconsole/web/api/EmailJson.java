package org.mailconsole.web.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.mailconsole.model.emaillog.EmailAttempt;
import org.mailconsole.model.emaillog.EmailEntry;
import org.mailconsole.model.emaillog.EmailPage;
import org.mailconsole.model.emaillog.EmailState;
import org.mailconsole.model.emaillog.RecipientNote;

/** One email log entry as the API shows it (docs/api.md, Email log); times are ISO-8601 UTC. */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record EmailJson(long id, String createdAt, String updatedAt, String state, String mailbox, String messageId,
                        String from, String subject, long size, List<String> recipients,
                        List<String> actualRecipients, List<Blocked> blockedRecipients, List<Refused> refusedRecipients,
                        Long accountId, String accountName, String source, Integer replyCode, String reply,
                        String reason, int attempts, String nextAttemptAt, String paused, List<Attempt> history) {

    public record Blocked(String address, String reason) {
    }

    public record Refused(String address, String reply) {
    }

    public record Attempt(String at, String outcome, Integer replyCode, String reply, List<String> recipients,
                          Long transcriptId) {
    }

    public record PageJson(long total, boolean totalCapped, int page, int size, List<EmailJson> emails) {
        static PageJson of(EmailPage page, String paused) {
            return new PageJson(page.total(), page.totalCapped(), page.page(), page.size(),
                    page.emails().stream().map(e -> EmailJson.of(e, null, paused)).toList());
        }
    }

    /**
     * {@code history} null: the entry alone (as in a list). {@code paused}: why the Outbox is paused
     * (null while sending is possible), shown on an Outbox entry only.
     */
    static EmailJson of(EmailEntry e, List<EmailAttempt> history, String paused) {
        return new EmailJson(e.id(), time(e.createdAt()), time(e.updatedAt()), e.state().apiName(), e.state().mailbox(),
                e.messageId(), e.from(), e.subject(), e.size(), e.recipients(), e.actualRecipients(),
                e.blockedRecipients().stream().map(n -> new Blocked(n.address(), n.note())).toList(),
                e.refusedRecipients().stream().map(EmailJson::refused).toList(),
                e.accountId(), e.accountName(), e.source(), e.replyCode(), e.reply(), e.reason(), e.attempts(),
                time(e.nextAttemptAt()), e.state() == EmailState.SEND_READY ? paused : null,
                history == null ? null : history.stream().map(a -> new Attempt(time(a.at()), a.outcome().apiName(),
                        a.replyCode(), a.reply(), a.recipients().isEmpty() ? null : a.recipients(),
                        a.transcriptId())).toList());
    }

    private static Refused refused(RecipientNote note) {
        return new Refused(note.address(), note.note());
    }

    private static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
