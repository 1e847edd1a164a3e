package org.mailconsole.store.emaillog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.mailconsole.model.emaillog.EmailAttempt;
import org.mailconsole.model.emaillog.EmailEntry;
import org.mailconsole.model.emaillog.EmailState;
import org.mailconsole.model.emaillog.Outcome;
import org.mailconsole.model.emaillog.NewEmail;
import org.mailconsole.model.emaillog.RecipientNote;

/** How log entries are laid out in their columns: address lists as lines, notes as "address TAB text" lines. */
final class EmailColumns {
    static final String ENTRY = "id, created_at, updated_at, state, message_id, from_address, subject, size_bytes, "
            + "recipients, actual_recipients, blocked_recipients, refused_recipients, account_id, account_name, "
            + "source, reply_code, reply, reason, attempts, next_attempt_at, claimed_by, claim_expires_at";
    static final String ATTEMPT = "id, entry_id, attempted_at, outcome, reply_code, reply, recipients, transcript_id";

    private EmailColumns() {
    }

    static EmailEntry entry(ResultSet row) throws SQLException {
        return EmailEntry.builder()
                .id(row.getLong("id"))
                .createdAt(instant(row.getTimestamp("created_at")))
                .updatedAt(instant(row.getTimestamp("updated_at")))
                .state(EmailState.ofApiName(row.getString("state")))
                .messageId(row.getString("message_id"))
                .from(row.getString("from_address"))
                .subject(row.getString("subject"))
                .size(row.getLong("size_bytes"))
                .recipients(addresses(row.getString("recipients")))
                .actualRecipients(addresses(row.getString("actual_recipients")))
                .blockedRecipients(notes(row.getString("blocked_recipients")))
                .refusedRecipients(notes(row.getString("refused_recipients")))
                .account(row.getObject("account_id", Long.class), row.getString("account_name"))
                .source(row.getString("source"))
                .reply(row.getObject("reply_code", Integer.class), row.getString("reply"))
                .reason(row.getString("reason"))
                .attempts(row.getInt("attempts"))
                .nextAttemptAt(instant(row.getTimestamp("next_attempt_at")))
                .claim(row.getString("claimed_by"), instant(row.getTimestamp("claim_expires_at")))
                .build();
    }

    /**
     * The entry {@code email} becomes once written (id 0 until then), as {@link #entry} would read it
     * back: the one place that cuts its columns to their sizes (JdbcOutboxQueue's insert writes this).
     * Nothing refused, replied, attempted or claimed yet.
     */
    static EmailEntry written(NewEmail email) {
        return EmailEntry.builder()
                .createdAt(email.createdAt())
                .updatedAt(email.createdAt())
                .state(email.state())
                .messageId(cut(email.messageId(), 1000))
                .from(cut(email.from(), 1000))
                .subject(cut(email.subject(), 1000))
                .size(email.size())
                .recipients(addresses(lines(email.recipients())))
                .actualRecipients(addresses(lines(email.actualRecipients())))
                .blockedRecipients(notes(noteLines(email.blockedRecipients())))
                .account(email.accountId(), cut(email.accountName(), 100))
                .source(cut(email.source(), 200))
                .reason(cut(oneLine(email.reason()), 2000))
                .nextAttemptAt(email.state() == EmailState.SEND_READY ? email.createdAt() : null)
                .build();
    }

    static EmailAttempt attempt(ResultSet row) throws SQLException {
        return new EmailAttempt(
                row.getLong("id"),
                row.getLong("entry_id"),
                instant(row.getTimestamp("attempted_at")),
                Outcome.ofApiName(row.getString("outcome")),
                (Integer) row.getObject("reply_code", Integer.class),
                row.getString("reply"),
                addresses(row.getString("recipients")),
                (Long) row.getObject("transcript_id", Long.class));
    }

    static String lines(List<String> addresses) {
        return cut(String.join("\n", addresses), 32000);
    }

    static List<String> addresses(String lines) {
        return lines == null || lines.isEmpty() ? List.of() : List.of(lines.split("\n"));
    }

    static String noteLines(List<RecipientNote> notes) {
        if (notes.isEmpty()) {
            return null;
        }
        List<String> lines = new ArrayList<>();
        for (RecipientNote note : notes) {
            lines.add(note.address() + "\t" + (note.note() == null ? "" : oneLine(note.note())));
        }
        return cut(String.join("\n", lines), 32000);
    }

    static List<RecipientNote> notes(String lines) {
        List<RecipientNote> notes = new ArrayList<>();
        for (String line : addresses(lines)) {
            int tab = line.indexOf('\t');
            notes.add(tab < 0 ? new RecipientNote(line, "") : new RecipientNote(line.substring(0, tab), line.substring(tab + 1)));
        }
        return notes;
    }

    /** Ids as the list of an SQL IN ("1,2,3"): numbers, so nothing to escape. */
    static String idList(List<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    /** A LIKE pattern matching what starts with {@code prefix}, LIKE's own characters escaped by backslash. */
    static String startsWithPattern(String prefix) {
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    static String oneLine(String text) {
        return text == null ? null : text.replaceAll("[\\r\\n\\t]+", " ").trim();
    }

    static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
