package org.mailconsole.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.hsqldb.jdbc.JDBCConnection;
import org.hsqldb.jdbc.JDBCPreparedStatement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a real HSQLDB file through the pool: HSQLDB compiles an SQL text again once its last statement
 * closes (a new statement id), and one prepared through {@link CompiledStatements} stays compiled
 * (the same id) on that session from one transaction to the next, though the pool closes the
 * statements made through it when the connection goes back.
 */
class CompiledStatementsTest {
    private static final String SQL = "SELECT id FROM email_entry WHERE state = ? AND next_attempt_at <= ?";

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
    void aPlainPrepareIsCompiledAgainEachTime() {
        long[] ids = database.read(connection -> new long[] {id(connection.prepareStatement(SQL)),
                id(connection.prepareStatement(SQL))}); // one session: ids are numbered per session
        assertNotEquals(ids[0], ids[1], "HSQLDB kept the SQL compiled by itself: CompiledStatements has no work");
    }

    @Test
    void aStatementPreparedThroughItStaysCompiledOnItsSessionFromOneTransactionToTheNext() {
        Prepared first = database.read(connection -> prepared(connection, null));
        Prepared second = database.read(connection -> prepared(connection, null));
        assertSame(first.session(), second.session(), "the pool handed the thread its last connection back");
        assertEquals(first.id(), second.id());
        String[] keys = {"id"};
        Prepared returning = database.read(connection -> prepared(connection, keys));
        assertNotEquals(first.id(), returning.id(), "returning keys is another statement to HSQLDB");
        Prepared again = database.read(connection -> prepared(connection, keys));
        assertSame(returning.session(), again.session());
        assertEquals(returning.id(), again.id());
    }

    /** A statement's id and the driver connection (the HSQLDB session) it was prepared on. */
    private record Prepared(Connection session, long id) {
    }

    private static Prepared prepared(Connection connection, String[] keys) throws SQLException {
        PreparedStatement statement = keys == null ? CompiledStatements.prepare(connection, SQL)
                : CompiledStatements.prepare(connection, SQL, keys);
        return new Prepared(connection.unwrap(JDBCConnection.class), id(statement));
    }

    /** The statement's id in its session, and the statement closed as the store's code does. */
    private static long id(PreparedStatement statement) throws SQLException {
        try (statement) {
            return statement.unwrap(JDBCPreparedStatement.class).getStatementID();
        }
    }
}
