package org.mailconsole.store.emaillog;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mailconsole.model.emaillog.AttemptResult;
import org.mailconsole.model.emaillog.EmailAttempt;
import org.mailconsole.model.emaillog.EmailEntry;
import org.mailconsole.model.emaillog.EmailPage;
import org.mailconsole.model.emaillog.EmailState;
import org.mailconsole.model.emaillog.NewEmail;
import org.mailconsole.store.Database;

/**
 * The log's reads and writes through its public parts (queue, reader, retention) in one object, for
 * tests that set up entries and outcomes directly.
 */
public final class TestLog {
    private final OutboxQueue queue;
    private final EmailLogReader reader;
    private final EmailLogRetention retention;
    private final Database database;

    public TestLog(Database database) {
        this(database, Clock.systemUTC(), EmailLogReader.SEARCH_COUNT_CAP);
    }

    public TestLog(Database database, Clock clock, int countCap) {
        this.queue = new JdbcOutboxQueue(database, clock, Duration.ofSeconds(30));
        this.reader = new EmailLogReader(database, countCap);
        this.retention = new EmailLogRetention(database, clock);
        this.database = database;
    }

    public long add(NewEmail email) {
        return queue.enqueue(email);
    }

    /** Records an attempt of an Outbox message as a worker would: under a lease of its own. */
    public boolean record(long id, AttemptResult result) {
        return queue.lease("test", id).map(lease -> queue.complete(lease, result)).orElse(false);
    }

    public OutboxQueue queue() {
        return queue;
    }

    public Optional<EmailEntry> find(long id) {
        return reader.find(id);
    }

    public List<EmailAttempt> attempts(long id) {
        return reader.attempts(id);
    }

    public Map<EmailState, Long> counts() {
        return reader.counts();
    }

    public EmailPage list(EmailState state, String q, int page, int size) {
        return reader.list(state, q, page, size);
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

    public int deleteOlderThan(Instant before, int batch) {
        return retention.deleteOlderThan(before, batch);
    }

    public int pruneMinuteCounts() {
        return retention.pruneMinuteCounts();
    }
}
