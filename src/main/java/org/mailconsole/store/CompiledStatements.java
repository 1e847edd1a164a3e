package org.mailconsole.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import org.hsqldb.jdbc.JDBCConnection;

/**
 * Prepares statements so that an HSQLDB session keeps their SQL compiled. HSQLDB compiles per
 * session and drops the compiled form when the last open PreparedStatement of that SQL closes, so
 * every Outbox transaction compiled its SQL again, which bounded how fast the console fed a slow
 * relay (measured: docs/benchmarks.md, "Parallel delivery to a slow relay"). The first time an SQL text
 * is prepared on a session, one more statement of it is prepared on the driver's own connection
 * and never closed (HikariCP closes only the statements made through its proxy); it keeps the
 * compiled form for the session's life, and closing the connection frees it. PostgreSQL's driver
 * keeps its own cache per connection, so there this only prepares.
 */
public final class CompiledStatements {
    /** Bounds what one session keeps should an SQL text be built from its data. */
    private static final int MOST_PER_SESSION = 100;
    /** Per driver connection, the SQL texts kept compiled on it; an entry goes with its connection. */
    private static final Map<Connection, Set<String>> KEPT = Collections.synchronizedMap(new WeakHashMap<>());

    private CompiledStatements() {
    }

    /** {@code connection.prepareStatement(sql)}, with the SQL kept compiled on an HSQLDB session. */
    public static PreparedStatement prepare(Connection connection, String sql) throws SQLException {
        if (keepsNew(connection, sql)) {
            connection.unwrap(JDBCConnection.class).prepareStatement(sql); // never closed: see above
        }
        return connection.prepareStatement(sql);
    }

    /** As {@link #prepare(Connection, String)}, returning the generated {@code keys}. */
    public static PreparedStatement prepare(Connection connection, String sql, String[] keys) throws SQLException {
        if (keepsNew(connection, sql + "\n-- returning " + String.join(", ", keys))) {
            connection.unwrap(JDBCConnection.class).prepareStatement(sql, keys); // never closed: see above
        }
        return connection.prepareStatement(sql, keys);
    }

    /**
     * Whether a statement is to be kept on this connection's HSQLDB session and is not yet; {@code
     * statement} is its SQL and what else HSQLDB compiles into it (the generated keys it returns).
     */
    private static boolean keepsNew(Connection connection, String statement) throws SQLException {
        if (!connection.isWrapperFor(JDBCConnection.class)) {
            return false;
        }
        Connection session = connection.unwrap(JDBCConnection.class);
        synchronized (KEPT) {
            Set<String> kept = KEPT.computeIfAbsent(session, c -> new HashSet<>());
            return kept.size() < MOST_PER_SESSION && kept.add(statement);
        }
    }
}
