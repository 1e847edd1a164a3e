package org.mailconsole.store.emaillog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mailconsole.model.emaillog.EmailAttempt;
import org.mailconsole.model.emaillog.EmailEntry;
import org.mailconsole.model.emaillog.EmailPage;
import org.mailconsole.model.emaillog.EmailState;
import org.mailconsole.model.emaillog.SearchTerms;
import org.mailconsole.store.Database;

/**
 * The email log's reads (pages, search, counts, one entry): single statements on connections of
 * their own, so they never hold a lock across statements and never wait for, or make wait, the
 * Outbox's writes beyond one statement.
 */
public final class EmailLogReader {
    /** A search counts its matches up to this many; past it the total is "10,000+" (docs/api.md). */
    public static final int SEARCH_COUNT_CAP = 10_000;

    /** Entries read at a time by a broad search's newest-first walk. */
    private static final int WALK_CHUNK = 500;

    private final Database database;
    private final QueueDialect dialect;
    private final int countCap;

    public EmailLogReader(Database database) {
        this(database, SEARCH_COUNT_CAP);
    }

    /** @param countCap how many matches a search counts before it reports "at least" */
    EmailLogReader(Database database, int countCap) {
        this.database = database;
        this.dialect = QueueDialect.of(database);
        this.countCap = countCap;
    }

    /** The account's rate budget spent now (email-model.md section 7.2): one autocommit read. */
    public OutboxQueue.BudgetUsed budgetUsed(long accountId, java.time.Instant now) {
        return database.read(connection -> RateBudget.used(connection, accountId, now));
    }

    public Optional<EmailEntry> find(long id) {
        return database.read(connection -> find(connection, id));
    }

    /** The entry's attempts, oldest first. */
    public List<EmailAttempt> attempts(long id) {
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT " + EmailColumns.ATTEMPT
                    + " FROM email_attempt WHERE entry_id = ? ORDER BY id")) {
                query.setLong(1, id);
                List<EmailAttempt> attempts = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        attempts.add(EmailColumns.attempt(rows));
                    }
                }
                return attempts;
            }
        });
    }

    /** Entries per state (every state present). */
    public Map<EmailState, Long> counts() {
        return database.read(EmailCounts::read);
    }

    /**
     * One page, newest first.
     *
     * @param state null for every mailbox
     * @param q     null or blank for no search; else a case-insensitive match of the start of a word
     *              (and what follows it) in the sender, the subject or a recipient (original or actual)
     */
    public EmailPage list(EmailState state, String q, int page, int size) {
        return database.read(connection -> q == null || q.isBlank()
                ? mailboxPage(connection, state, page, size)
                : searchPage(connection, state, q, page, size));
    }

    private static EmailPage mailboxPage(Connection connection, EmailState state, int page, int size) throws SQLException {
        Map<EmailState, Long> counts = EmailCounts.read(connection);
        long total = state == null ? counts.values().stream().mapToLong(Long::longValue).sum() : counts.get(state);
        // ordered exactly as an index ((state, id) or the primary key): HSQLDB then walks the index
        // backwards and stops after the page instead of sorting the whole mailbox
        String sql = "SELECT " + EmailColumns.ENTRY + " FROM email_entry"
                + (state == null ? " ORDER BY id DESC" : " WHERE state = ? ORDER BY state DESC, id DESC")
                + " LIMIT ? OFFSET ?";
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            int i = 1;
            if (state != null) {
                query.setString(i++, state.apiName());
            }
            query.setInt(i++, size);
            query.setLong(i, (long) page * size);
            return new EmailPage(total, page, size, entries(query));
        }
    }

    /**
     * A search in two bounded steps, so a broad query costs no more than a narrow one
     * (docs/delivery-engine.md, "Search"). A broad one walks the entries: with more than
     * {@code countCap} matches they are dense enough that the walk is short.
     */
    private EmailPage searchPage(Connection connection, EmailState state, String q, int page, int size)
            throws SQLException {
        String prefix = SearchTerms.prefixOf(q);
        if (prefix.isEmpty()) {
            return mailboxPage(connection, state, page, size);
        }
        boolean range = dialect.termRange();
        String pattern = EmailColumns.startsWithPattern(prefix);
        // an entry can have several terms with the prefix ("shop.example" in the sender and a recipient):
        // read rows until countCap + 1 distinct ids, in steps. No join with the entries here: looking up
        // thousands of entries for their state costs far more than the index range itself
        Set<Long> matches = new HashSet<>();
        boolean exhausted = false;
        int rowLimit = countCap + 1;
        while (!exhausted && matches.size() <= countCap) {
            matches.clear();
            String sql = "SELECT entry_id FROM email_term WHERE term LIKE ? ESCAPE '\\'"
                    + (range ? " AND term >= ? AND term < ?" : "") + " LIMIT ?";
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                int i = 1;
                query.setString(i++, pattern);
                if (range) {
                    query.setString(i++, prefix);
                    query.setString(i++, prefix + Character.MAX_VALUE);
                }
                query.setInt(i, rowLimit);
                int rows = 0;
                try (ResultSet found = query.executeQuery()) {
                    while (found.next()) {
                        matches.add(found.getLong(1));
                        rows++;
                    }
                }
                exhausted = rows < rowLimit;
            }
            if (rowLimit > countCap * 8) {
                break; // many terms per entry: give up counting
            }
            rowLimit *= 2;
        }
        long first = (long) page * size;
        if (exhausted) {
            List<Long> newestFirst = matches.stream().sorted(Comparator.reverseOrder()).toList();
            if (state == null) {
                List<Long> ids = newestFirst.stream().skip(first).limit(size).toList();
                return new EmailPage(matches.size(), false, page, size, ids.isEmpty() ? List.of() : byIds(connection, ids));
            }
            return inMailbox(connection, state, newestFirst, first, page, size);
        }
        Walk walk = newestMatching(connection, state, prefix, first, size);
        // without a mailbox: more than countCap match; within one, at least those the walk met
        return new EmailPage(state == null ? countCap : walk.found(), true, page, size, walk.page());
    }

    /**
     * The page of a mailbox among matching ids (newest first), looked up in chunks: stops once the page
     * is full, then the total is a lower bound (capped); exact when every id was looked at.
     */
    private static EmailPage inMailbox(Connection connection, EmailState state, List<Long> newestFirst, long first,
                                       int page, int size) throws SQLException {
        List<EmailEntry> entries = new ArrayList<>();
        long found = 0;
        int from = 0;
        while (from < newestFirst.size() && entries.size() < size) {
            List<Long> chunk = newestFirst.subList(from, Math.min(newestFirst.size(), from + WALK_CHUNK));
            from += chunk.size();
            // the state is tested here: with "state = ?" in the query HSQLDB walks the whole mailbox's index
            for (EmailEntry entry : byIds(connection, chunk)) {
                if (entry.state() != state) {
                    continue;
                }
                if (found >= first && entries.size() < size) {
                    entries.add(entry);
                }
                found++;
            }
        }
        boolean capped = from < newestFirst.size();
        return new EmailPage(found, capped, page, size, entries);
    }

    /** A broad search's page and how many matches the walk met (skipped ones included). */
    private record Walk(List<EmailEntry> page, long found) {
    }

    /** The broad search's page: entries newest first, each tested as its terms in the index were made. */
    private static Walk newestMatching(Connection connection, EmailState state, String prefix, long skip, int size)
            throws SQLException {
        List<EmailEntry> page = new ArrayList<>();
        long toSkip = skip;
        long before = Long.MAX_VALUE;
        String sql = "SELECT " + EmailColumns.ENTRY + " FROM email_entry WHERE "
                + (state == null ? "id < ? ORDER BY id DESC" : "state = ? AND id < ? ORDER BY state DESC, id DESC")
                + " LIMIT " + WALK_CHUNK;
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            while (page.size() < size) {
                int i = 1;
                if (state != null) {
                    query.setString(i++, state.apiName());
                }
                query.setLong(i, before);
                List<EmailEntry> chunk = entries(query);
                for (EmailEntry entry : chunk) {
                    before = entry.id();
                    if (page.size() < size && SearchTerms.of(entry.from(), entry.subject(), entry.recipients(),
                            entry.actualRecipients()).stream().anyMatch(term -> term.startsWith(prefix))) {
                        if (toSkip > 0) {
                            toSkip--;
                        } else {
                            page.add(entry);
                        }
                    }
                }
                if (chunk.size() < WALK_CHUNK) {
                    break;
                }
            }
        }
        return new Walk(page, skip - toSkip + page.size());
    }

    private static List<EmailEntry> byIds(Connection connection, List<Long> ids) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT " + EmailColumns.ENTRY
                + " FROM email_entry WHERE id IN (" + EmailColumns.idList(ids) + ") ORDER BY id DESC")) {
            return entries(query);
        }
    }

    static Optional<EmailEntry> find(Connection connection, long id) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT " + EmailColumns.ENTRY
                + " FROM email_entry WHERE id = ?")) {
            query.setLong(1, id);
            List<EmailEntry> found = entries(query);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        }
    }

    private static List<EmailEntry> entries(PreparedStatement query) throws SQLException {
        List<EmailEntry> entries = new ArrayList<>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                entries.add(EmailColumns.entry(rows));
            }
        }
        return entries;
    }
}
