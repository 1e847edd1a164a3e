package org.mailconsole.store.emaillog;

import org.mailconsole.store.Database;

/**
 * What differs between the two databases the Outbox and the log run on. Everything else is the
 * same SQL. HSQLDB (embedded, or a server for one node) takes table locks and writes one
 * transaction at a time ({@link Database#inRecordTransaction}); PostgreSQL takes row locks, so
 * several nodes lease side by side, each skipping the rows another is leasing.
 */
enum QueueDialect {
    HSQLDB,
    POSTGRESQL;

    static QueueDialect of(Database database) {
        return database.settings().postgres() ? POSTGRESQL : HSQLDB;
    }

    /** Ends a query that picks rows this transaction will change: others' picks are skipped on PostgreSQL. */
    String lockSuffix() {
        return this == POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : "";
    }

    /** Ends the query that locks an account's row while its rate budget is checked and spent. */
    String accountLock() {
        return this == POSTGRESQL ? " FOR UPDATE" : "";
    }

    /**
     * Ends the query that picks due messages to lease. HSQLDB reads an ORDER BY ... LIMIT in index
     * order only when told, and only when the ORDER BY spells out the index's columns; else it sorts
     * every waiting message for each lease.
     */
    String leaseSuffix() {
        return this == POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : " USING INDEX";
    }

    /** Adds (state, minute, entries) to the per-minute counts in one statement, so concurrent writers cannot collide. */
    String addToMinuteCount() {
        return this == POSTGRESQL
                ? "INSERT INTO email_count_minute (state, minute, entries) VALUES (?, ?, ?) ON CONFLICT (state, minute) "
                        + "DO UPDATE SET entries = email_count_minute.entries + EXCLUDED.entries"
                : "MERGE INTO email_count_minute t USING (VALUES (CAST(? AS VARCHAR(20)), CAST(? AS TIMESTAMP), "
                        + "CAST(? AS BIGINT))) AS v (state, minute, entries) ON t.state = v.state AND t.minute = v.minute "
                        + "WHEN MATCHED THEN UPDATE SET t.entries = t.entries + v.entries "
                        + "WHEN NOT MATCHED THEN INSERT (state, minute, entries) VALUES (v.state, v.minute, v.entries)";
    }

    /**
     * Whether a term prefix search also names its range of the terms' primary key: HSQLDB then reads
     * only that range (code point order); PostgreSQL's planner finds it from the LIKE.
     */
    boolean termRange() {
        return this == HSQLDB;
    }
}
