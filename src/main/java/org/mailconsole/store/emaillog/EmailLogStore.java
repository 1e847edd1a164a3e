package org.mailconsole.store.emaillog;

import static org.mailconsole.store.emaillog.EmailColumns.cut;
import static org.mailconsole.store.emaillog.EmailColumns.oneLine;
import static org.mailconsole.store.emaillog.EmailColumns.timestamp;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.mailconsole.model.emaillog.AttemptOutcome;
import org.mailconsole.model.emaillog.AttemptResult;
import org.mailconsole.model.emaillog.EmailAttempt;
import org.mailconsole.model.emaillog.EmailEntry;
import org.mailconsole.model.emaillog.EmailPage;
import org.mailconsole.model.emaillog.EmailState;
import org.mailconsole.model.emaillog.NewEmail;
import org.mailconsole.store.Database;
import org.mailconsole.store.StorageSettings;

/**
 * The Outbox and the email log (tables of V3). Every change of an entry's state adjusts
 * {@code email_count} in the same transaction. The sender claims a message with a conditional
 * UPDATE (state still send-ready, no live claim): portable, and safe with several senders on one
 * database server, since only one UPDATE can win each row.
 */
public final class EmailLogStore {
    private static final String READY = EmailState.SEND_READY.apiName();

    /** A search counts its matches up to this many; past it the total is "10,000+" (docs/api.md). */
    public static final int SEARCH_COUNT_CAP = 10_000;

    /** Entries read at a time by a broad search's newest-first walk. */
    private static final int WALK_CHUNK = 500;

    /** How long the per-minute counts are kept: Email Diagnostics reads the last day of them. */
    static final Duration MINUTE_COUNTS_KEPT = Duration.ofDays(2);

    private final Database database;
    private final int countCap;
    private final GroupCommit groupCommit;

    public EmailLogStore(Database database) {
        this(database, SEARCH_COUNT_CAP);
    }

    /** {@code countCap}: tests use a small one to reach the capped search with a few entries. */
    EmailLogStore(Database database, int countCap) {
        this.database = database;
        this.countCap = countCap;
        this.groupCommit = new GroupCommit(database);
    }

    /**
     * Writes the entry (and for the Outbox its raw MIME), committed when this returns; its id.
     * Entries of concurrent callers share a transaction ({@link GroupCommit}).
     */
    public long add(NewEmail email) {
        return groupCommit.commit(connection -> insert(connection, email));
    }

    /** The entry {@link #add} writes for {@code email} with {@code id}, as a read of it would return it. */
    public static EmailEntry asWritten(long id, NewEmail email) {
        return EmailColumns.written(id, email);
    }

    /** Writes one entry on {@code connection} (no commit), its columns as {@link EmailColumns#written} lays them out. */
    static long insert(Connection connection, NewEmail email) throws SQLException {
        EmailEntry row = EmailColumns.written(0, email);
        long id;
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO email_entry (created_at, updated_at, "
                + "state, message_id, from_address, subject, size_bytes, recipients, actual_recipients, "
                + "blocked_recipients, account_id, account_name, source, reason, attempts, next_attempt_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)", new String[] {"id"})) {
            insert.setTimestamp(1, timestamp(row.createdAt()));
            insert.setTimestamp(2, timestamp(row.updatedAt()));
            insert.setString(3, row.state().apiName());
            insert.setString(4, row.messageId());
            insert.setString(5, row.from());
            insert.setString(6, row.subject());
            insert.setLong(7, row.size());
            insert.setString(8, EmailColumns.lines(row.recipients()));
            insert.setString(9, EmailColumns.lines(row.actualRecipients()));
            insert.setString(10, EmailColumns.noteLines(row.blockedRecipients()));
            setLong(insert, 11, row.accountId());
            insert.setString(12, row.accountName());
            insert.setString(13, row.source());
            insert.setString(14, row.reason());
            insert.setTimestamp(15, timestamp(row.nextAttemptAt()));
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
        }
        try (PreparedStatement pending = connection.prepareStatement(
                "INSERT INTO email_term_pending (entry_id) VALUES (?)")) {
            pending.setLong(1, id); // its search terms are written behind: indexPending
            pending.executeUpdate();
        }
        if (email.mime() != null) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO email_message (entry_id, mime) VALUES (?, ?)")) {
                insert.setLong(1, id);
                insert.setBytes(2, email.mime());
                insert.executeUpdate();
            }
        }
        moved(connection, null, null, email.state(), email.createdAt(), 1);
        return id;
    }

    /**
     * Writes the search terms of up to {@code max} entries that have none yet, oldest first; how many.
     * Each pending mark is taken by deleting it, so with several writers (nodes on one database
     * server, or a search catching up) only the one whose delete removed it writes that entry's terms.
     * On HSQLDB through the group commit, like every write of the log's new entries: there (table
     * locks) a transaction of its own that takes the pending marks before the entries would deadlock
     * with the apps' inserts, which take them the other way round, and HSQLDB would roll back an
     * app's. On PostgreSQL in a transaction of its own that skips marks another node holds, so it
     * never waits for that node, and the apps' commits never wait with it.
     */
    public int indexPending(int max) {
        return indexTurn(max, true).indexed();
    }

    /**
     * Writes the search terms of every entry that has none yet (a search does, first, so it misses
     * none): until no pending mark is left, waiting for marks another writer holds (its terms are
     * in once its transaction commits).
     */
    public void indexAllPending() {
        while (indexTurn(TERM_CHUNK, false).seen() > 0) {
            // until none is left
        }
    }

    private Indexed indexTurn(int max, boolean skipHeld) {
        if (database.settings().postgres()) {
            return database.inRecordTransaction(connection -> indexPending(connection, max, skipHeld));
        }
        return groupCommit.commit(connection -> indexPending(connection, max, false));
    }

    /** Entries whose terms one transaction writes at most. */
    static final int TERM_CHUNK = 256;

    /** Of one turn: the pending marks it found, and the entries whose terms it wrote. */
    private record Indexed(int seen, int indexed) {
    }

    /** {@code skipHeld}: PostgreSQL's SKIP LOCKED, marks another transaction holds are left to it. */
    private static Indexed indexPending(Connection connection, int max, boolean skipHeld) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT entry_id FROM email_term_pending ORDER BY entry_id LIMIT ?"
                        + (skipHeld ? " FOR UPDATE SKIP LOCKED" : ""))) {
            query.setInt(1, max);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
        }
        int indexed = 0;
        int terms = 0;
        try (PreparedStatement take = connection.prepareStatement("DELETE FROM email_term_pending WHERE entry_id = ?");
             PreparedStatement read = connection.prepareStatement("SELECT from_address, subject, recipients, "
                     + "actual_recipients FROM email_entry WHERE id = ?");
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO email_term (term, entry_id) VALUES (?, ?)")) {
            for (long id : ids) {
                take.setLong(1, id);
                if (take.executeUpdate() == 0) {
                    continue; // taken by another writer meanwhile
                }
                read.setLong(1, id);
                try (ResultSet row = read.executeQuery()) {
                    if (!row.next()) {
                        continue; // deleted meanwhile
                    }
                    for (String term : EmailColumns.terms(row.getString(1), row.getString(2),
                            EmailColumns.addresses(row.getString(3)), EmailColumns.addresses(row.getString(4)))) {
                        insert.setString(1, term);
                        insert.setLong(2, id);
                        insert.addBatch();
                        terms++;
                    }
                }
                indexed++;
            }
            if (terms > 0) {
                insert.executeBatch();
            }
        }
        return new Indexed(ids.size(), indexed);
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
        return database.read(EmailLogStore::counts);
    }

    /**
     * One page, newest first.
     *
     * @param state null for every mailbox
     * @param q     null or blank for no search; else a case-insensitive match of the start of a word
     *              (and what follows it) in the sender, the subject or a recipient (original or actual)
     */
    public EmailPage list(EmailState state, String q, int page, int size) {
        if (q != null && !q.isBlank()) {
            indexAllPending();
        }
        return database.read(connection -> q == null || q.isBlank()
                ? mailboxPage(connection, state, page, size)
                : searchPage(connection, state, q, page, size));
    }

    private static EmailPage mailboxPage(Connection connection, EmailState state, int page, int size) throws SQLException {
        Map<EmailState, Long> counts = counts(connection);
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
     * A search in two bounded steps, so a broad query costs no more than a narrow one. (1) The ids of
     * the matching entries are read from the term index, at most {@code countCap + 1} of them: a
     * range of the index (on HSQLDB the prefix is also a range of the terms' primary key, code point
     * order), no sort. (2a) When that range ended first, the total is exact and the page is cut from
     * those ids, newest first. (2b) Otherwise the query is broad (more than {@code countCap}
     * matches): the total is reported as "at least countCap", and the page comes from walking the
     * entries newest first (the primary key or (state, id) index backwards), each tested in Java
     * against the terms of its stored sender, subject and recipients, which stops once the page is
     * full: with more than {@code countCap} matches they are dense enough that the walk is short.
     */
    private EmailPage searchPage(Connection connection, EmailState state, String q, int page, int size)
            throws SQLException {
        String prefix = EmailColumns.searchPrefix(q);
        if (prefix.isEmpty()) {
            return mailboxPage(connection, state, page, size);
        }
        boolean range = !database.settings().postgres();
        String pattern = EmailColumns.startsWithPattern(prefix);
        // an entry can have several terms with the prefix ("shop.example" in the sender and a recipient):
        // read rows until countCap + 1 distinct ids, in steps. No join with the entries here: looking up
        // thousands of entries for their state costs far more than the index range itself
        java.util.Set<Long> matches = new java.util.HashSet<>();
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
            List<Long> newestFirst = matches.stream().sorted(java.util.Comparator.reverseOrder()).toList();
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
            String in = chunk.stream().map(String::valueOf).collect(Collectors.joining(","));
            // the state is tested here: with "state = ?" in the query HSQLDB walks the whole mailbox's index
            try (PreparedStatement query = connection.prepareStatement("SELECT " + EmailColumns.ENTRY
                    + " FROM email_entry WHERE id IN (" + in + ") ORDER BY id DESC")) {
                for (EmailEntry entry : entries(query)) {
                    if (entry.state() != state) {
                        continue;
                    }
                    if (found >= first && entries.size() < size) {
                        entries.add(entry);
                    }
                    found++;
                }
            }
        }
        boolean capped = from < newestFirst.size();
        return new EmailPage(found, capped, page, size, entries);
    }

    /** A broad search's page and how many matches the walk met (skipped ones included). */
    private record Walk(List<EmailEntry> page, long found) {
    }

    /**
     * The broad search's page: the entries newest first (the primary key or (state, id) index
     * backwards, in chunks), each tested against the query exactly as its terms in the index were
     * made; stops once the page is full.
     */
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
                    if (page.size() < size && EmailColumns.terms(entry.from(), entry.subject(), entry.recipients(),
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
        String in = ids.stream().map(String::valueOf).collect(Collectors.joining(","));
        try (PreparedStatement query = connection.prepareStatement("SELECT " + EmailColumns.ENTRY
                + " FROM email_entry WHERE id IN (" + in + ") ORDER BY id DESC")) {
            return entries(query);
        }
    }

    /** Ids of Outbox messages due at {@code now} and not held by a live claim, earliest first. */
    public List<Long> due(Instant now, int limit) {
        return due("id", "email_entry", now, limit, rows -> rows.getLong(1));
    }

    /**
     * As {@link #due}, each message read whole (its entry and raw MIME) in the same query: the
     * sender's read for an embedded database, where nothing but this process changes an entry.
     */
    public List<DueMessage> dueMessages(Instant now, int limit) {
        return due(EmailColumns.ENTRY + ", mime",
                "email_entry LEFT JOIN email_message ON email_message.entry_id = email_entry.id", now, limit,
                rows -> new DueMessage(EmailColumns.entry(rows), rows.getBytes("mime")));
    }

    private interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    private <T> List<T> due(String columns, String from, Instant now, int limit, RowReader<T> reader) {
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT " + columns + " FROM " + from
                    + " WHERE state = ? AND next_attempt_at <= ? AND (claim_expires_at IS NULL OR claim_expires_at < ?) "
                    + "ORDER BY state, next_attempt_at, id LIMIT ?" + dueOrderHint())) {
                query.setString(1, READY);
                query.setTimestamp(2, timestamp(now));
                query.setTimestamp(3, timestamp(now));
                query.setInt(4, limit);
                List<T> due = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        due.add(reader.read(rows));
                    }
                }
                return due;
            }
        });
    }

    /**
     * HSQLDB reads an ORDER BY ... LIMIT in index order only when told ({@code USING INDEX}) and when
     * the ORDER BY spells out the index's columns (state first, though the WHERE fixes it); else it
     * sorts every due row for each batch: 11 to 30 ms with 10,000 waiting, against 0.2 ms. PostgreSQL's
     * planner uses the index by itself.
     */
    private String dueOrderHint() {
        return database.settings().postgres() ? "" : " USING INDEX";
    }

    /** When the earliest Outbox message no live claim holds is due; empty when there is none. */
    public Optional<Instant> nextDue(Instant now) {
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT MIN(next_attempt_at) FROM email_entry "
                    + "WHERE state = ? AND (claim_expires_at IS NULL OR claim_expires_at < ?)")) {
                query.setString(1, READY);
                query.setTimestamp(2, timestamp(now));
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    return Optional.ofNullable(EmailColumns.instant(rows.getTimestamp(1)));
                }
            }
        });
    }

    /**
     * Claims an Outbox message for {@code owner} until {@code until}: true if this caller won it (it was
     * still send-ready and no other claim was live at {@code now}).
     */
    public boolean claim(long id, String owner, Instant now, Instant until) {
        return database.inRecordTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE email_entry SET claimed_by = ?, "
                    + "claim_expires_at = ? WHERE id = ? AND state = ? AND (claim_expires_at IS NULL OR claim_expires_at < ?)")) {
                update.setString(1, owner);
                update.setTimestamp(2, timestamp(until));
                update.setLong(3, id);
                update.setString(4, READY);
                update.setTimestamp(5, timestamp(now));
                return update.executeUpdate() == 1;
            }
        });
    }

    /** Drops every claim: for an embedded database at start (only one engine can use it, so a claim left is a dead one's). */
    public int releaseAllClaims() {
        return database.inRecordTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE email_entry SET claimed_by = NULL, "
                    + "claim_expires_at = NULL WHERE state = ? AND claimed_by IS NOT NULL")) {
                update.setString(1, READY);
                return update.executeUpdate();
            }
        });
    }

    /** The raw message, while it is kept (Outbox, Failed). */
    public Optional<byte[]> mime(long id) {
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT mime FROM email_message WHERE entry_id = ?")) {
                query.setLong(1, id);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getBytes(1)) : Optional.<byte[]>empty();
                }
            }
        });
    }

    /**
     * Records an attempt of an Outbox message and moves the entry to its new state, releasing the
     * claim; the raw MIME of a message that can no longer be sent (Sent, Skipped) is dropped. False (nothing changed) if the entry has left the
     * Outbox meanwhile. Committed with whatever other log writes wait at that moment ({@link GroupCommit}).
     */
    public boolean record(long id, AttemptResult result) {
        return groupCommit.commit(connection -> record(connection, id, result));
    }

    /**
     * As {@link #record}, but first waits up to {@code along} for another writer's commit (an app
     * handing over a message) to take it along, so the outcome costs no synced commit of its own.
     */
    public boolean recordAlong(long id, AttemptResult result, Duration along) {
        return groupCommit.commit(connection -> record(connection, id, result), along.toNanos());
    }

    /**
     * Records several outcomes in one transaction, shared with the other log writes waiting at that
     * moment ({@link GroupCommit}); each only while its entry is still in the Outbox with the
     * attempts it had before ({@link AttemptOutcome}), so recording one twice changes nothing. How
     * many were recorded.
     */
    public int recordAll(List<AttemptOutcome> outcomes) {
        if (outcomes.isEmpty()) {
            return 0;
        }
        return groupCommit.commit(connection -> {
            int recorded = 0;
            for (AttemptOutcome outcome : outcomes) {
                if (record(connection, outcome.entryId(), outcome.attemptsBefore(), outcome.result())) {
                    recorded++;
                }
            }
            return recorded;
        });
    }

    private static boolean record(Connection connection, long id, AttemptResult result) throws SQLException {
        return record(connection, id, null, result);
    }

    /** Records one outcome; with {@code attemptsBefore}, only if the entry still has that many attempts. */
    private static boolean record(Connection connection, long id, Integer attemptsBefore, AttemptResult result)
            throws SQLException {
        {
            try (PreparedStatement update = connection.prepareStatement("UPDATE email_entry SET state = ?, "
                    + "updated_at = ?, reply_code = ?, reply = ?, reason = ?, refused_recipients = ?, "
                    + "attempts = attempts + 1, next_attempt_at = ?, claimed_by = NULL, claim_expires_at = NULL, "
                    + "account_id = COALESCE(?, account_id), account_name = COALESCE(?, account_name) "
                    + "WHERE id = ? AND state = ?" + (attemptsBefore != null ? " AND attempts = ?" : ""))) {
                update.setString(1, result.state().apiName());
                update.setTimestamp(2, timestamp(result.at()));
                setInt(update, 3, result.replyCode());
                update.setString(4, cut(oneLine(result.reply()), 2000));
                update.setString(5, cut(oneLine(result.reason()), 2000));
                update.setString(6, EmailColumns.noteLines(result.refused()));
                update.setTimestamp(7, result.state() == EmailState.SEND_READY ? timestamp(result.nextAttemptAt()) : null);
                setLong(update, 8, result.accountId());
                update.setString(9, cut(result.accountName(), 100));
                update.setLong(10, id);
                update.setString(11, READY);
                if (attemptsBefore != null) {
                    update.setInt(12, attemptsBefore);
                }
                if (update.executeUpdate() != 1) {
                    return false;
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO email_attempt (entry_id, "
                    + "attempted_at, outcome, reply_code, reply, transcript_id) VALUES (?, ?, ?, ?, ?, ?)")) {
                insert.setLong(1, id);
                insert.setTimestamp(2, timestamp(result.at()));
                insert.setString(3, result.outcome());
                setInt(insert, 4, result.replyCode());
                insert.setString(5, cut(oneLine(result.reply()), 2000));
                setLong(insert, 6, result.transcriptId());
                insert.executeUpdate();
            }
            if (result.state() != EmailState.SEND_READY) {
                moved(connection, EmailState.SEND_READY, null, result.state(), result.at(), 1);
            }
            if (result.state() == EmailState.SENT || result.state() == EmailState.SEND_IGNORED) {
                dropMime(connection, id);
            }
            return true;
        }
    }

    /**
     * Retry now: an Outbox or Failed message becomes due at {@code now} (a Failed one goes back to the
     * Outbox). 409 for any other state, or when its raw message is gone.
     */
    public EmailEntry retryNow(long id, Instant now) {
        return database.inRecordTransaction(connection -> {
            EmailEntry entry = existing(connection, id);
            if (entry.state() != EmailState.SEND_READY && entry.state() != EmailState.SEND_FAILED) {
                throw new EmailStateConflictException("only an Outbox or Failed message can be retried; this one is "
                        + entry.state().mailbox());
            }
            try (PreparedStatement update = connection.prepareStatement("UPDATE email_entry SET state = ?, updated_at = ?, "
                    + "next_attempt_at = ? WHERE id = ? AND state = ?")) {
                update.setString(1, READY);
                update.setTimestamp(2, timestamp(now));
                update.setTimestamp(3, timestamp(now));
                update.setLong(4, id);
                update.setString(5, entry.state().apiName());
                if (update.executeUpdate() != 1) {
                    throw new EmailStateConflictException("the message changed meanwhile; look again");
                }
            }
            if (entry.state() == EmailState.SEND_FAILED) {
                moved(connection, EmailState.SEND_FAILED, entry.updatedAt(), EmailState.SEND_READY, now, 1);
            }
            return find(connection, id).orElseThrow();
        });
    }

    /**
     * Cancel: an Outbox message that no sender holds right now becomes Skipped, "cancelled by {@code user}",
     * and its raw message is dropped. 409 otherwise.
     */
    public EmailEntry cancel(long id, String user, Instant now) {
        return database.inRecordTransaction(connection -> {
            EmailEntry entry = existing(connection, id);
            if (entry.state() != EmailState.SEND_READY) {
                throw new EmailStateConflictException("only an Outbox message can be cancelled; this one is "
                        + entry.state().mailbox());
            }
            try (PreparedStatement update = connection.prepareStatement("UPDATE email_entry SET state = ?, updated_at = ?, "
                    + "reason = ?, next_attempt_at = NULL WHERE id = ? AND state = ? "
                    + "AND (claim_expires_at IS NULL OR claim_expires_at < ?)")) {
                update.setString(1, EmailState.SEND_IGNORED.apiName());
                update.setTimestamp(2, timestamp(now));
                update.setString(3, cut("cancelled by " + user, 2000));
                update.setLong(4, id);
                update.setString(5, READY);
                update.setTimestamp(6, timestamp(now));
                if (update.executeUpdate() != 1) {
                    throw new EmailStateConflictException("the message is being sent right now; it cannot be cancelled");
                }
            }
            moved(connection, EmailState.SEND_READY, null, EmailState.SEND_IGNORED, now, 1);
            dropMime(connection, id);
            return find(connection, id).orElseThrow();
        });
    }

    /**
     * Retention: deletes up to {@code batch} Sent, Failed and Skipped entries created before
     * {@code before}, oldest first (never the Outbox); how many went. Call again while it returns {@code batch}.
     */
    public int deleteOlderThan(Instant before, int batch) {
        Instant counted = Instant.now().minus(MINUTE_COUNTS_KEPT);
        return database.inRecordTransaction(connection -> {
            int deleted = 0;
            for (EmailState state : List.of(EmailState.SENT, EmailState.SEND_FAILED, EmailState.SEND_IGNORED)) {
                // the entries by the minute count they are in: the ones still counted per minute (changed
                // in the last two days: a short retention) by their minute, all others together (null)
                Map<Instant, List<Long>> byMinute = new HashMap<>();
                int found = 0;
                try (PreparedStatement query = connection.prepareStatement("SELECT id, updated_at FROM email_entry "
                        + "WHERE state = ? AND created_at < ? ORDER BY id LIMIT ?")) {
                    query.setString(1, state.apiName());
                    query.setTimestamp(2, timestamp(before));
                    query.setInt(3, batch - deleted);
                    try (ResultSet rows = query.executeQuery()) {
                        while (rows.next()) {
                            Instant updated = EmailColumns.instant(rows.getTimestamp(2));
                            Instant minute = updated.isBefore(counted) ? null : minuteOf(updated);
                            byMinute.computeIfAbsent(minute, m -> new ArrayList<>()).add(rows.getLong(1));
                            found++;
                        }
                    }
                }
                if (found == 0) {
                    continue;
                }
                for (Map.Entry<Instant, List<Long>> group : byMinute.entrySet()) {
                    String in = group.getValue().stream().map(String::valueOf).collect(Collectors.joining(","));
                    for (String table : List.of("email_attempt", "email_message", "email_term", "email_term_pending")) {
                        try (PreparedStatement delete = connection.prepareStatement(
                                "DELETE FROM " + table + " WHERE entry_id IN (" + in + ")")) {
                            delete.executeUpdate();
                        }
                    }
                    try (PreparedStatement delete = connection.prepareStatement(
                            "DELETE FROM email_entry WHERE state = ? AND id IN (" + in + ")")) {
                        delete.setString(1, state.apiName());
                        int gone = delete.executeUpdate(); // an entry retried meanwhile is not gone: not counted
                        moved(connection, state, group.getKey(), null, null, gone);
                        deleted += gone;
                    }
                }
                if (deleted >= batch) {
                    break;
                }
            }
            return deleted;
        });
    }

    /** Drops the per-minute counts older than the two days they are kept (the sender's housekeeping). */
    public int pruneMinuteCounts(Instant now) {
        return database.inRecordTransaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM email_count_minute WHERE minute < ?")) {
                delete.setTimestamp(1, timestamp(now.minus(MINUTE_COUNTS_KEPT)));
                return delete.executeUpdate();
            }
        });
    }

    private static EmailEntry existing(Connection connection, long id) throws SQLException {
        return find(connection, id).orElseThrow(() -> new EmailNotFoundException(id));
    }

    private static Optional<EmailEntry> find(Connection connection, long id) throws SQLException {
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

    private static Map<EmailState, Long> counts(Connection connection) throws SQLException {
        Map<EmailState, Long> counts = new EnumMap<>(EmailState.class);
        for (EmailState state : EmailState.values()) {
            counts.put(state, 0L);
        }
        try (PreparedStatement query = connection.prepareStatement("SELECT state, entries FROM email_count");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                counts.put(EmailState.ofApiName(rows.getString(1)), rows.getLong(2));
            }
        }
        return counts;
    }

    /**
     * {@code n} entries moved from {@code from} (null: new ones), last changed at {@code fromAt} (null:
     * not counted per minute), to {@code to} (null: deleted) at {@code toAt}. The totals per state
     * follow, and the per-minute counts of Sent, Failed and Skipped (email_count_minute, V10), in the
     * caller's transaction.
     */
    static void moved(Connection connection, EmailState from, Instant fromAt, EmailState to, Instant toAt, long n)
            throws SQLException {
        if (n == 0) {
            return;
        }
        if (from != null) {
            count(connection, from, -n);
            if (from != EmailState.SEND_READY && fromAt != null) {
                try (PreparedStatement update = connection.prepareStatement("UPDATE email_count_minute "
                        + "SET entries = entries - ? WHERE state = ? AND minute = ?")) {
                    update.setLong(1, n);
                    update.setString(2, from.apiName());
                    update.setTimestamp(3, timestamp(minuteOf(fromAt)));
                    update.executeUpdate(); // none left when pruned already
                }
            }
        }
        if (to != null) {
            count(connection, to, n);
            if (to != EmailState.SEND_READY) {
                addPerMinute(connection, to, minuteOf(toAt), n);
            }
        }
    }

    private static void addPerMinute(Connection connection, EmailState state, Instant minute, long n)
            throws SQLException {
        boolean postgres = StorageSettings.postgres(connection.getMetaData().getURL());
        // one statement that inserts or adds, so concurrent writers (several nodes) cannot collide
        String sql = postgres
                ? "INSERT INTO email_count_minute (state, minute, entries) VALUES (?, ?, ?) ON CONFLICT (state, minute) "
                        + "DO UPDATE SET entries = email_count_minute.entries + EXCLUDED.entries"
                : "MERGE INTO email_count_minute t USING (VALUES (CAST(? AS VARCHAR(20)), CAST(? AS TIMESTAMP), "
                        + "CAST(? AS BIGINT))) AS v (state, minute, entries) ON t.state = v.state AND t.minute = v.minute "
                        + "WHEN MATCHED THEN UPDATE SET t.entries = t.entries + v.entries "
                        + "WHEN NOT MATCHED THEN INSERT (state, minute, entries) VALUES (v.state, v.minute, v.entries)";
        try (PreparedStatement upsert = connection.prepareStatement(sql)) {
            upsert.setString(1, state.apiName());
            upsert.setTimestamp(2, timestamp(minute));
            upsert.setLong(3, n);
            upsert.executeUpdate();
        }
    }

    static Instant minuteOf(Instant at) {
        return at.truncatedTo(ChronoUnit.MINUTES);
    }

    private static void count(Connection connection, EmailState state, long delta) throws SQLException {
        if (delta == 0) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE email_count SET entries = entries + ? WHERE state = ?")) {
            update.setLong(1, delta);
            update.setString(2, state.apiName());
            update.executeUpdate();
        }
    }

    private static void dropMime(Connection connection, long id) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM email_message WHERE entry_id = ?")) {
            delete.setLong(1, id);
            delete.executeUpdate();
        }
    }

    private static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }

    private static void setInt(PreparedStatement statement, int index, Integer value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setInt(index, value);
        }
    }
}
