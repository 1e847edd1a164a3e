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
 * A failed or unusable measurement keeps the offset it had.
 */
public final class DatabaseClock extends Clock {
    private static final System.Logger LOG = System.getLogger(DatabaseClock.class.getName());
    static final Duration REMEASURE = Duration.ofMinutes(5);
    /** Readings per measurement: the one with the shortest round trip is kept. */
    static final int SAMPLES = 3;
    /** A reading whose round trip is longer says too little about the offset. */
    static final Duration MAX_ROUND_TRIP = Duration.ofMillis(500);
    /** How soon a measurement that could not be used is tried again. */
    static final Duration RETRY = Duration.ofSeconds(10);

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

    /**
     * Reads the database's time a few times and keeps the reading with the shortest round trip: the
     * offset is the database's time less the middle of that round trip, so a reading is only as good
     * as its round trip is short (a JVM stalled by a busy machine, or a first connection still loading
     * its driver, would skew it). A best round trip longer than {@link #MAX_ROUND_TRIP} is not used:
     * the offset stays as it was and the clock looks again after {@link #RETRY}.
     */
    private void measure() {
        try {
            Duration best = null;
            Duration bestOffset = null;
            for (int i = 0; i < SAMPLES; i++) {
                Instant before = system.instant();
                Instant database = readDatabaseTime();
                Instant after = system.instant();
                Duration roundTrip = Duration.between(before, after);
                if (best == null || roundTrip.compareTo(best) < 0) {
                    best = roundTrip;
                    bestOffset = Duration.between(before.plus(roundTrip.dividedBy(2)), database);
                }
            }
            if (best.compareTo(MAX_ROUND_TRIP) > 0) {
                measuredAt = system.instant().minus(REMEASURE).plus(RETRY);
                LOG.log(System.Logger.Level.DEBUG, "the database's clock took " + best.toMillis()
                        + " ms to read; keeping an offset of " + offset);
                return;
            }
            offset = bestOffset;
            measuredAt = system.instant();
        } catch (RuntimeException e) {
            measuredAt = system.instant().minus(REMEASURE).plus(RETRY);
            LOG.log(System.Logger.Level.WARNING, "Mail Console could not read the database's clock; "
                    + "keeping an offset of " + offset + ": " + e.getMessage());
        }
    }

    private Instant readDatabaseTime() {
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("VALUES (CURRENT_TIMESTAMP)");
                 ResultSet row = query.executeQuery()) {
                row.next();
                return row.getObject(1, OffsetDateTime.class).toInstant();
            }
        });
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
