package org.mailconsole.console;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.mailconsole.mail.outbox.Outbox;
import org.mailconsole.mail.outbox.SendingPausedException;
import org.mailconsole.model.AuditEntry;
import org.mailconsole.model.FieldError;
import org.mailconsole.model.emaillog.EmailAttempt;
import org.mailconsole.model.emaillog.EmailEntry;
import org.mailconsole.model.emaillog.EmailPage;
import org.mailconsole.model.emaillog.EmailState;
import org.mailconsole.store.emaillog.EmailLogReader;
import org.mailconsole.store.emaillog.EmailStateConflictException;

/**
 * The email log for the API and the screens (email-model.md section 5): mailbox pages with counts,
 * search, one entry with its attempts, and the admin's Retry now and Cancel. Query input arrives as
 * the text the user gave and is checked here: a bad mailbox, page or size is a {@link ValidationException}
 * naming the field; an unknown id is {@link EmailNotFoundException} (404); an action that does not fit
 * the entry's state is {@link EmailActionConflictException} (409).
 */
public final class EmailLogService {
    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 200;

    /** How deep a page may reach ({@code page * size}): beyond it, a search narrows instead (api.md). */
    public static final int MAX_OFFSET = 100_000;

    private final EmailLogReader store;
    private final Outbox outbox;
    private final Clock clock;

    public EmailLogService(EmailLogReader store, Outbox outbox, Clock clock) {
        this.store = store;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** A checked query: mailbox (null = all), search text (null = none), page from 0, size 1..200. */
    public record Query(EmailState mailbox, String q, int page, int size) {
    }

    /** Checks the query as given (each may be null: the default); every bad field is named. */
    public Query query(String mailbox, String q, String page, String size) {
        List<FieldError> errors = new ArrayList<>();
        EmailState state = null;
        if (mailbox != null && !mailbox.isBlank() && !mailbox.equals("all")) {
            Optional<EmailState> found = EmailState.ofMailbox(mailbox);
            if (found.isEmpty()) {
                errors.add(new FieldError("mailbox", "must be one of outbox, sent, failed, skipped (or none for all)"));
            } else {
                state = found.get();
            }
        }
        Integer pageNumber = number(page, 0, 0, Integer.MAX_VALUE / MAX_SIZE, "page", errors);
        Integer pageSize = number(size, DEFAULT_SIZE, 1, MAX_SIZE, "size", errors);
        if (pageNumber != null && pageSize != null && (long) pageNumber * pageSize > MAX_OFFSET) {
            errors.add(new FieldError("page", "page * size must be at most " + MAX_OFFSET
                    + " (here " + (long) pageNumber * pageSize + "); search to narrow the list instead"));
        }
        String search = q == null || q.isBlank() ? null : q.trim();
        if (search != null && search.length() > 200) {
            errors.add(new FieldError("q", "must be at most 200 characters"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new Query(state, search, pageNumber, pageSize);
    }

    public EmailPage list(Query query) {
        return store.list(query.mailbox(), query.q(), query.page(), query.size());
    }

    /** Entries per mailbox, for the tabs. */
    public Map<EmailState, Long> counts() {
        return store.counts();
    }

    public EmailEntry get(long id) {
        return store.find(id).orElseThrow(() -> new EmailNotFoundException("no email with id " + id));
    }

    /** The entry's attempts, oldest first. */
    public List<EmailAttempt> history(long id) {
        get(id);
        return store.attempts(id);
    }

    /** Retry now (Outbox or Failed): the entry after an attempt made now. */
    public EmailEntry retry(long id) {
        return translated(() -> outbox.retryNow(id));
    }

    /** Cancel (Outbox): the entry, now Skipped, "cancelled by {@code user}". */
    public EmailEntry cancel(long id, String user) {
        return translated(() -> outbox.cancel(id, user));
    }

    /**
     * Cancel all (mailbox {@code outbox} only: any other is a {@link ValidationException} naming
     * {@code mailbox}): every waiting message Skipped, "cancelled by {@code user}", audited; a message
     * being delivered finishes its attempt and is not counted. How many were cancelled.
     */
    public int cancelAll(String mailbox, String user) {
        if (!"outbox".equals(mailbox)) {
            throw new ValidationException(List.of(new FieldError("mailbox",
                    "must be outbox: only waiting messages can be cancelled")));
        }
        return outbox.cancelAll(user, cancelled -> List.of(new AuditEntry(clock.instant(), user, "Outbox",
                "Cancel all", cancelled + " waiting", "cancelled (" + cancelled + " message(s) Skipped)")));
    }

    /** Why the Outbox is paused (its messages wait), or empty while sending is possible. */
    public Optional<String> paused() {
        return outbox.pausedReason();
    }

    /** The Outbox's answer, its store's refusals in the console's words. */
    private static EmailEntry translated(Supplier<EmailEntry> action) {
        try {
            return action.get();
        } catch (org.mailconsole.store.emaillog.EmailNotFoundException e) {
            throw new EmailNotFoundException(e.getMessage());
        } catch (EmailStateConflictException | SendingPausedException e) {
            throw new EmailActionConflictException(e.getMessage());
        }
    }

    private static Integer number(String text, int fallback, int min, int max, String field, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new FieldError(field, max == Integer.MAX_VALUE / MAX_SIZE
                ? "must be a whole number of at least " + min
                : "must be a whole number from " + min + " to " + max));
        return null;
    }
}
