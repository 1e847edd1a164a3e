package org.mailconsole.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The database's clock, as seen from this JVM: the system clock plus the offset of the database's
 * {@code CURRENT_TIMESTAMP}, measured at start and again every {@link #REMEASURE}. Leases and due
 * times are compared on it, so nodes whose clocks differ still agree when a lease has expired.
 * A failed measurement keeps the offset it had.
 */
public final class DatabaseClock extends Clock {
    private static final System.Logger LOG = System.getLogger(DatabaseClock.class.getName());
    static final Duration REMEASURE = Duration.ofMinutes(5);

    private final Database database;
    private final Clock system;
    private volatile Duration offset = Duration.ZERO;
    private volatile Instant measuredAt = Instant.MIN;

    public DatabaseClock(Database database, Clock system) {
        this.database = database;
        this.system = system;
        measure();
    }

    @Override
    public Instant instant() {
        Instant now = system.instant();
        if (Duration.between(measuredAt, now).compareTo(REMEASURE) > 0) {
            measure();
            now = system.instant();
        }
        return now.plus(offset);
    }

    private void measure() {
        try {
            Instant before = system.instant();
            Instant database = this.database.read(connection -> {
                try (PreparedStatement query = connection.prepareStatement("VALUES (CURRENT_TIMESTAMP)");
                     ResultSet row = query.executeQuery()) {
                    row.next();
                    return row.getObject(1, OffsetDateTime.class).toInstant();
                }
            });
            Instant after = system.instant();
            Instant middle = before.plus(Duration.between(before, after).dividedBy(2));
            offset = Duration.between(middle, database);
            measuredAt = after;
        } catch (RuntimeException e) {
            measuredAt = system.instant();
            LOG.log(System.Logger.Level.WARNING, "Mail Console could not read the database's clock; "
                    + "keeping an offset of " + offset + ": " + e.getMessage());
        }
    }

    /** The last measured offset of the database's clock from this JVM's. */
    public Duration offset() {
        return offset;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the database's clock is UTC");
    }
}
