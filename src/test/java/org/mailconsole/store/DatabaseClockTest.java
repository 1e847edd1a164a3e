package org.mailconsole.store;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The database's clock read from a real HSQLDB file, against a JVM clock set wrong on purpose. */
class DatabaseClockTest {
    @TempDir
    Path dir;
    Database database;

    @BeforeEach
    void open() {
        database = Database.open(new StorageSettings(StorageSettings.embeddedUrl(dir.resolve("db/mc")), "SA", "",
                dir.resolve("key")));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aNodeWhoseClockIsAnHourBehindStillSeesTheDatabasesTime() {
        DatabaseClock clock = new DatabaseClock(database, Clock.offset(Clock.systemUTC(), Duration.ofHours(-1)));
        Duration off = Duration.between(Instant.now(), clock.instant()).abs();
        assertTrue(off.compareTo(Duration.ofSeconds(2)) < 0, "off by " + off);
    }

    @Test
    void aReadingWithALongRoundTripIsNotUsed() {
        // a JVM clock that moves two seconds each time it is read: every round trip looks two seconds long
        Clock stalling = new Clock() {
            private Instant now = Instant.now().minus(Duration.ofHours(1));

            @Override
            public synchronized Instant instant() {
                now = now.plusSeconds(2);
                return now;
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }
        };
        Instant read = new DatabaseClock(database, stalling).instant();
        Duration behind = Duration.between(read, Instant.now());
        assertTrue(behind.compareTo(Duration.ofMinutes(50)) > 0, "the offset was kept at zero; behind by " + behind);
    }
}
