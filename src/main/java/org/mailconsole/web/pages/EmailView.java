package org.mailconsole.web.pages;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mailconsole.model.emaillog.EmailAttempt;
import org.mailconsole.model.emaillog.EmailEntry;
import org.mailconsole.model.emaillog.EmailState;
import org.mailconsole.model.emaillog.RecipientNote;

/** An email log entry as the pages' templates read it: plain maps of display strings (times in UTC). */
final class EmailView {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private EmailView() {
    }

    /** The mailbox's name as its tab says it. */
    static String mailboxLabel(EmailState state) {
        return switch (state) {
            case SEND_READY -> "Outbox";
            case SENT -> "Sent";
            case SEND_FAILED -> "Failed";
            case SEND_IGNORED -> "Skipped";
        };
    }

    /** A row of a mailbox page. */
    static Map<String, Object> row(EmailEntry e) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", String.valueOf(e.id()));
        row.put("createdAt", time(e.createdAt()));
        row.put("mailbox", e.state().mailbox());
        row.put("mailboxLabel", mailboxLabel(e.state()));
        row.put("from", text(e.from()));
        row.put("to", recipientsSummary(e.recipients()));
        row.put("subject", e.subject() == null || e.subject().isBlank() ? "(no subject)" : e.subject());
        row.put("source", text(e.source()));
        row.put("attempts", String.valueOf(e.attempts()));
        row.put("reply", lastReply(e));
        row.put("why", why(e));
        row.put("nextAttemptAt", time(e.nextAttemptAt()));
        return row;
    }

    /** Every field of the entry page. */
    static Map<String, Object> entry(EmailEntry e, List<EmailAttempt> history) {
        Map<String, Object> entry = row(e);
        entry.put("state", e.state().apiName());
        entry.put("updatedAt", time(e.updatedAt()));
        entry.put("messageId", text(e.messageId()));
        entry.put("size", String.valueOf(e.size()));
        entry.put("recipients", e.recipients());
        entry.put("actualRecipients", e.actualRecipients());
        entry.put("blockedRecipients", e.blockedRecipients().stream().map(EmailView::note).toList());
        entry.put("refusedRecipients", e.refusedRecipients().stream().map(EmailView::note).toList());
        entry.put("accountId", e.accountId() == null ? "" : e.accountId().toString());
        entry.put("accountName", e.accountName() == null ? "" : e.accountName());
        String reply = serverReply(e);
        entry.put("serverReply", reply);
        // a reason that only repeats the reply is not shown twice
        entry.put("reason", e.reason() == null || reply.contains(e.reason()) ? "" : e.reason());
        // which buttons to show; the store decides (409 when the state moved on since the page was drawn)
        entry.put("canRetry", e.state() == EmailState.SEND_READY || e.state() == EmailState.SEND_FAILED);
        entry.put("canCancel", e.state() == EmailState.SEND_READY);
        entry.put("history", history.stream().map(a -> attempt(a, e.accountId())).toList());
        entry.put("hasTranscripts", e.accountId() != null && history.stream().anyMatch(a -> a.transcriptId() != null));
        return entry;
    }

    private static Map<String, Object> attempt(EmailAttempt a, Long accountId) {
        Map<String, Object> attempt = new HashMap<>();
        attempt.put("at", time(a.at()));
        attempt.put("outcome", a.outcome().apiName());
        attempt.put("recipients", String.join(", ", a.recipients()));
        attempt.put("replyCode", a.replyCode() == null ? "" : a.replyCode().toString());
        attempt.put("reply", text(a.reply()));
        attempt.put("transcript", a.transcriptId() == null || accountId == null ? ""
                : "/accounts/" + accountId + "/log#transcript-" + a.transcriptId());
        return attempt;
    }

    private static Map<String, Object> note(RecipientNote n) {
        return Map.of("address", n.address(), "note", text(n.note()));
    }

    /** The last reply, else why the entry is where it is (for a list row). */
    private static String lastReply(EmailEntry e) {
        String reply = serverReply(e);
        return reply.isEmpty() && e.reason() != null ? e.reason() : reply;
    }

    /** Why a Failed or Skipped entry ended there, when the reply does not say it already. */
    private static String why(EmailEntry e) {
        boolean ended = e.state() == EmailState.SEND_FAILED || e.state() == EmailState.SEND_IGNORED;
        String reply = serverReply(e);
        return ended && !reply.isEmpty() && e.reason() != null && !reply.contains(e.reason()) ? e.reason() : "";
    }

    /** The server's last reply with its code, or the named connection failure; "" when none. */
    private static String serverReply(EmailEntry e) {
        if (e.reply() == null || e.reply().isBlank()) {
            return "";
        }
        return e.replyCode() != null && !e.reply().startsWith(String.valueOf(e.replyCode()))
                ? e.replyCode() + " " + e.reply() : e.reply();
    }

    private static String recipientsSummary(List<String> recipients) {
        if (recipients.isEmpty()) {
            return "";
        }
        return recipients.size() == 1 ? recipients.get(0)
                : recipients.get(0) + " +" + (recipients.size() - 1) + " more";
    }

    static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
