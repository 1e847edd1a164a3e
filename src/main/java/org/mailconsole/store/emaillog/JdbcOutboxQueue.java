package org.mailconsole.store.emaillog;

import static org.mailconsole.store.emaillog.EmailColumns.cut;
import static org.mailconsole.store.emaillog.EmailColumns.oneLine;
import static org.mailconsole.store.emaillog.EmailColumns.timestamp;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import org.mailconsole.model.AuditEntry;
import org.mailconsole.model.emaillog.AttemptResult;
import org.mailconsole.model.emaillog.EmailEntry;
import org.mailconsole.model.emaillog.EmailState;
import org.mailconsole.model.emaillog.NewEmail;
import org.mailconsole.model.emaillog.Outcome;
import org.mailconsole.model.emaillog.SearchTerms;
import org.mailconsole.store.AuditStore;
import org.mailconsole.store.CompiledStatements;
import org.mailconsole.store.Database;

/**
 * The Outbox's queue on the tables of V3: a lease is the entry's {@code claimed_by} (owner) and
 * {@code claim_expires_at} (expiry), set by a conditional UPDATE that only one writer can win; on
 * PostgreSQL the due rows are picked {@code FOR UPDATE SKIP LOCKED}, so nodes never wait for each
 * other's picks. Every state change moves {@link EmailCounts} in the same transaction.
 */
public final class JdbcOutboxQueue implements OutboxQueue {
    private static final String READY = EmailState.SEND_READY.apiName();
    /** A lease another may take: none, or expired. */
    private static final String FREE = "(claim_expires_at IS NULL OR claim_expires_at < ?)";

    private final Database database;
    private final QueueDialect dialect;
    private final Clock clock;
    private final Duration leaseLength;

    /**
     * @param clock       the database's clock ({@code DatabaseClock}), so that nodes whose clocks differ
     *                    agree on when a lease has expired and a message is due
     * @param leaseLength how long a lease lasts from its last renewal
     */
    public JdbcOutboxQueue(Database database, Clock clock, Duration leaseLength) {
        this.database = database;
        this.dialect = QueueDialect.of(database);
        this.clock = clock;
        this.leaseLength = leaseLength;
    }

    @Override
    public long enqueue(NewEmail email) {
        return database.inHandOverTransaction(connection -> insert(connection, email));
    }

    private long insert(Connection connection, NewEmail email) throws SQLException {
        EmailEntry row = EmailColumns.written(email);
        long id;
        try (PreparedStatement insert = CompiledStatements.prepare(connection, "INSERT INTO email_entry (created_at, updated_at, "
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
            insert.setObject(11, row.accountId(), Types.BIGINT);
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
        try (PreparedStatement terms = CompiledStatements.prepare(connection, "INSERT INTO email_term (term, entry_id) VALUES (?, ?)")) {
            for (String term : SearchTerms.of(row.from(), row.subject(), row.recipients(), row.actualRecipients())) {
                terms.setString(1, term);
                terms.setLong(2, id);
                terms.addBatch();
            }
            terms.executeBatch();
        }
        if (email.mime() != null) {
            try (PreparedStatement insert = CompiledStatements.prepare(connection, 
                    "INSERT INTO email_message (entry_id, mime) VALUES (?, ?)")) {
                insert.setLong(1, id);
                insert.setBytes(2, email.mime());
                insert.executeUpdate();
            }
        }
        EmailCounts.moved(connection, dialect, null, null, email.state(), email.createdAt(), 1);
        return id;
    }

    /** Up to {@code max} due messages no live lease holds, earliest due first: each id with its recipient count. */
    private Map<Long, Integer> due(Connection connection, int max, Instant now) throws SQLException {
        Map<Long, Integer> due = new LinkedHashMap<>();
        try (PreparedStatement query = CompiledStatements.prepare(connection, "SELECT id, actual_recipients FROM "
                + "email_entry WHERE state = ? AND next_attempt_at <= ? AND " + FREE
                + " ORDER BY state, next_attempt_at, id LIMIT ?" + dialect.leaseSuffix())) {
            query.setString(1, READY);
            query.setTimestamp(2, timestamp(now));
            query.setTimestamp(3, timestamp(now));
            query.setInt(4, max);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    due.put(rows.getLong(1), EmailColumns.addresses(rows.getString(2)).size());
                }
            }
        }
        return due;
    }

    @Override
    public Leased lease(String owner, int max, Budget budget) {
        Instant now = clock.instant();
        return database.inRecordTransaction(connection -> leaseWithin(connection, owner, max, budget, now));
    }

    /** Leases due messages, held to the account's rate budget when it has a limit (then one at most). */
    private Leased leaseWithin(Connection connection, String owner, int max, Budget budget, Instant now)
            throws SQLException {
        if (max <= 0) {
            return new Leased(List.of(), null);
        }
        if (budget == null || !budget.applies()) {
            List<Lease> leased = new ArrayList<>();
            for (long id : due(connection, max, now).keySet()) {
                take(connection, owner, id, now).ifPresent(leased::add);
            }
            return new Leased(leased, null);
        }
        RateBudget.lock(connection, dialect, budget.accountId());
        Map<Long, Integer> due = due(connection, 1, now);
        if (due.isEmpty()) {
            return new Leased(List.of(), null);
        }
        long id = due.keySet().iterator().next();
        int recipients = due.get(id);
        // more recipients than the whole daily limit: no reservation, leased to be failed
        Optional<BudgetWait> wait = RateBudget.reserve(connection, budget.accountId(), budget.limits(), id, recipients, now);
        if (wait.isPresent()) {
            return new Leased(List.of(), wait.get());
        }
        Optional<Lease> lease = take(connection, owner, id, now);
        if (lease.isEmpty()) {
            RateBudget.unreserve(connection, id);
        }
        return new Leased(lease.stream().toList(), null);
    }

    @Override
    public Optional<Lease> lease(String owner, long id) {
        Instant now = clock.instant();
        return database.inRecordTransaction(connection -> take(connection, owner, id, now));
    }

    /** The conditional UPDATE that makes the lease (one writer wins it), then the message as leased. */
    private Optional<Lease> take(Connection connection, String owner, long id, Instant now) throws SQLException {
        try (PreparedStatement update = CompiledStatements.prepare(connection, "UPDATE email_entry SET claimed_by = ?, "
                + "claim_expires_at = ? WHERE id = ? AND state = ? AND " + FREE)) {
            update.setString(1, owner);
            update.setTimestamp(2, timestamp(now.plus(leaseLength)));
            update.setLong(3, id);
            update.setString(4, READY);
            update.setTimestamp(5, timestamp(now));
            if (update.executeUpdate() != 1) {
                return Optional.empty();
            }
        }
        try (PreparedStatement query = CompiledStatements.prepare(connection, "SELECT " + EmailColumns.ENTRY + ", mime FROM "
                + "email_entry LEFT JOIN email_message ON email_message.entry_id = email_entry.id WHERE id = ?")) {
            query.setLong(1, id);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return Optional.of(new Lease(id, owner, EmailColumns.entry(row), row.getBytes("mime")));
            }
        }
    }

    @Override
    public List<Long> renew(Collection<Lease> leases) {
        if (leases.isEmpty()) {
            return List.of();
        }
        Instant until = clock.instant().plus(leaseLength);
        return database.inRecordTransaction(connection -> {
            List<Long> held = new ArrayList<>();
            try (PreparedStatement update = CompiledStatements.prepare(connection, "UPDATE email_entry SET claim_expires_at = ? "
                    + "WHERE id = ? AND claimed_by = ? AND state = ?")) {
                for (Lease lease : leases) {
                    update.setTimestamp(1, timestamp(until));
                    update.setLong(2, lease.id());
                    update.setString(3, lease.owner());
                    update.setString(4, READY);
                    if (update.executeUpdate() == 1) {
                        held.add(lease.id());
                    }
                }
            }
            return held;
        });
    }

    @Override
    public boolean complete(Lease lease, AttemptResult result) {
        return database.inRecordTransaction(connection -> record(connection, lease, result));
    }

    @Override
    public Completion completeAndLease(Lease lease, AttemptResult result, int max, Budget budget) {
        Instant now = clock.instant();
        return database.inRecordTransaction(connection -> {
            boolean recorded = record(connection, lease, result);
            Leased next = leaseWithin(connection, lease.owner(), max, budget, now);
            return new Completion(recorded, next.leases(), next.held());
        });
    }

    private boolean record(Connection connection, Lease lease, AttemptResult result) throws SQLException {
        try (PreparedStatement update = CompiledStatements.prepare(connection, "UPDATE email_entry SET state = ?, "
                + "updated_at = ?, reply_code = ?, reply = ?, reason = ?, refused_recipients = ?, "
                + "attempts = attempts + 1, next_attempt_at = ?, claimed_by = NULL, claim_expires_at = NULL, "
                + "account_id = COALESCE(?, account_id), account_name = COALESCE(?, account_name) "
                + "WHERE id = ? AND state = ? AND claimed_by = ?")) {
            update.setString(1, result.state().apiName());
            update.setTimestamp(2, timestamp(result.at()));
            update.setObject(3, result.replyCode(), Types.INTEGER);
            update.setString(4, cut(oneLine(result.reply()), 2000));
            update.setString(5, cut(oneLine(result.reason()), 2000));
            update.setString(6, EmailColumns.noteLines(result.refused()));
            update.setTimestamp(7, result.state() == EmailState.SEND_READY ? timestamp(result.nextAttemptAt()) : null);
            update.setObject(8, result.accountId(), Types.BIGINT);
            update.setString(9, cut(result.accountName(), 100));
            update.setLong(10, lease.id());
            update.setString(11, READY);
            update.setString(12, lease.owner());
            if (update.executeUpdate() != 1) {
                return false;
            }
        }
        try (PreparedStatement insert = CompiledStatements.prepare(connection, "INSERT INTO email_attempt (entry_id, "
                + "attempted_at, outcome, reply_code, reply, recipients, transcript_id) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, lease.id());
            insert.setTimestamp(2, timestamp(result.at()));
            insert.setString(3, result.outcome().apiName());
            insert.setObject(4, result.replyCode(), Types.INTEGER);
            insert.setString(5, cut(oneLine(result.reply()), 2000));
            insert.setString(6, result.recipients().isEmpty() ? null : EmailColumns.lines(result.recipients()));
            insert.setObject(7, result.transcriptId(), Types.BIGINT);
            insert.executeUpdate();
        }
        RateBudget.settle(connection, lease.id(), result.outcome().delivered()
                ? Math.max(0, result.recipients().size() - result.refused().size()) : 0);
        if (result.state() != EmailState.SEND_READY) {
            EmailCounts.moved(connection, dialect, EmailState.SEND_READY, null, result.state(), result.at(), 1);
        }
        if (result.outcome() == Outcome.DEFERRED) {
            EmailCounts.deferredAttempt(connection, dialect, result.at());
        }
        if (result.state() == EmailState.SENT || result.state() == EmailState.SEND_IGNORED) {
            dropMime(connection, lease.id());
        }
        return true;
    }

    @Override
    public Optional<BudgetWait> rebudget(Lease lease, Budget budget) {
        Instant now = clock.instant();
        int recipients = lease.entry().actualRecipients().size();
        return database.inRecordTransaction(connection -> {
            RateBudget.unreserve(connection, lease.id());
            // beyond the daily limit reserve() would write nothing: answered before the account's row is locked
            if (budget == null || !budget.applies() || RateBudget.beyondDailyLimit(budget.limits(), recipients)) {
                return Optional.<BudgetWait>empty();
            }
            RateBudget.lock(connection, dialect, budget.accountId());
            return RateBudget.reserve(connection, budget.accountId(), budget.limits(), lease.id(), recipients, now);
        });
    }

    @Override
    public void release(Lease lease) {
        database.inRecordTransaction(connection -> {
            try (PreparedStatement update = CompiledStatements.prepare(connection, "UPDATE email_entry SET claimed_by = NULL, "
                    + "claim_expires_at = NULL WHERE id = ? AND claimed_by = ?")) {
                update.setLong(1, lease.id());
                update.setString(2, lease.owner());
                int released = update.executeUpdate();
                if (released == 1) {
                    RateBudget.unreserve(connection, lease.id()); // unattempted: it spent nothing
                }
                return released;
            }
        });
    }

    @Override
    public EmailEntry cancel(long id, String user) {
        Instant now = clock.instant();
        return database.inRecordTransaction(connection -> {
            if (!skip(connection, id, user, now)) {
                EmailEntry entry = existing(connection, id);
                throw new EmailStateConflictException(entry.state() != EmailState.SEND_READY
                        ? "only an Outbox message can be cancelled; this one is " + entry.state().mailbox()
                        : "the message is being sent right now; it cannot be cancelled");
            }
            EmailCounts.moved(connection, dialect, EmailState.SEND_READY, null, EmailState.SEND_IGNORED, now, 1);
            return existing(connection, id);
        });
    }

    @Override
    public int cancelAll(String user, IntFunction<List<AuditEntry>> audit) {
        Instant now = clock.instant();
        return database.inRecordTransaction(connection -> {
            List<Long> free = new ArrayList<>();
            try (PreparedStatement query = CompiledStatements.prepare(connection, "SELECT id FROM email_entry WHERE state = ? AND "
                    + FREE + dialect.lockSuffix())) {
                query.setString(1, READY);
                query.setTimestamp(2, timestamp(now));
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        free.add(rows.getLong(1));
                    }
                }
            }
            int cancelled = 0;
            for (long id : free) {
                if (skip(connection, id, user, now)) {
                    cancelled++;
                }
            }
            EmailCounts.moved(connection, dialect, EmailState.SEND_READY, null, EmailState.SEND_IGNORED, now, cancelled);
            AuditStore.insert(connection, audit.apply(cancelled));
            return cancelled;
        });
    }

    @Override
    public EmailEntry makeDue(long id) {
        Instant now = clock.instant();
        return database.inRecordTransaction(connection -> {
            EmailEntry entry = existing(connection, id);
            if (entry.state() != EmailState.SEND_READY && entry.state() != EmailState.SEND_FAILED) {
                throw new EmailStateConflictException("only an Outbox or Failed message can be retried; this one is "
                        + entry.state().mailbox());
            }
            try (PreparedStatement update = CompiledStatements.prepare(connection, "UPDATE email_entry SET state = ?, updated_at = ?, "
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
                EmailCounts.moved(connection, dialect, EmailState.SEND_FAILED, entry.updatedAt(), EmailState.SEND_READY,
                        now, 1);
            }
            return existing(connection, id);
        });
    }

    @Override
    public Optional<Instant> nextDue() {
        Instant now = clock.instant();
        return database.read(connection -> {
            try (PreparedStatement query = CompiledStatements.prepare(connection, "SELECT MIN(next_attempt_at) FROM email_entry "
                    + "WHERE state = ? AND " + FREE)) {
                query.setString(1, READY);
                query.setTimestamp(2, timestamp(now));
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    return Optional.ofNullable(EmailColumns.instant(rows.getTimestamp(1)));
                }
            }
        });
    }

    /** Cancel of one Outbox message no live lease holds: Skipped, its MIME dropped; false when it is not such a message. */
    private static boolean skip(Connection connection, long id, String user, Instant now) throws SQLException {
        try (PreparedStatement update = CompiledStatements.prepare(connection, "UPDATE email_entry SET state = ?, "
                + "updated_at = ?, reason = ?, next_attempt_at = NULL WHERE id = ? AND state = ? AND " + FREE)) {
            update.setString(1, EmailState.SEND_IGNORED.apiName());
            update.setTimestamp(2, timestamp(now));
            update.setString(3, cut("cancelled by " + user, 2000));
            update.setLong(4, id);
            update.setString(5, READY);
            update.setTimestamp(6, timestamp(now));
            if (update.executeUpdate() != 1) {
                return false;
            }
        }
        dropMime(connection, id);
        return true;
    }

    private static EmailEntry existing(Connection connection, long id) throws SQLException {
        return EmailLogReader.find(connection, id).orElseThrow(() -> new EmailNotFoundException(id));
    }

    private static void dropMime(Connection connection, long id) throws SQLException {
        try (PreparedStatement delete = CompiledStatements.prepare(connection, "DELETE FROM email_message WHERE entry_id = ?")) {
            delete.setLong(1, id);
            delete.executeUpdate();
        }
    }
}
