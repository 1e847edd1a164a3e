package org.mailconsole.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.hsqldb.jdbc.JDBCPreparedStatement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a real HSQLDB file through the pool: HSQLDB compiles an SQL text again once its last statement
 * closes (a new statement id), and one prepared through {@link CompiledStatements} stays compiled
 * (the same id) on that session from one transaction to the next.
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
        long first = database.read(connection -> id(connection.prepareStatement(SQL)));
        long second = database.read(connection -> id(connection.prepareStatement(SQL)));
        assertNotEquals(first, second, "HSQLDB kept the SQL compiled by itself: CompiledStatements has no work");
    }

    @Test
    void aStatementPreparedThroughItStaysCompiledOnItsSession() {
        long first = database.read(connection -> id(CompiledStatements.prepare(connection, SQL)));
        long second = database.read(connection -> id(CompiledStatements.prepare(connection, SQL)));
        assertEquals(first, second);
        String[] keys = {"id"};
        long returning = database.read(connection -> id(CompiledStatements.prepare(connection, SQL, keys)));
        assertNotEquals(first, returning, "returning keys is another statement to HSQLDB");
        long again = database.read(connection -> id(CompiledStatements.prepare(connection, SQL, keys)));
        assertEquals(returning, again);
    }

    /** The statement's id in its session, and the statement closed as the store's code does. */
    private static long id(PreparedStatement statement) throws SQLException {
        try (statement) {
            return statement.unwrap(JDBCPreparedStatement.class).getStatementID();
        }
    }
}
