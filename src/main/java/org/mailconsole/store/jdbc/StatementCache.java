package org.mailconsole.store.jdbc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps prepared statements per physical connection, so the few statements that every message's log
 * writes prepare again are compiled once per connection instead of on each prepare: HSQLDB compiles
 * a statement on every prepare, and HikariCP keeps no statement cache (PostgreSQL's driver keeps its
 * own, so only HSQLDB connections are wrapped).
 * <p>
 * {@link #wrap} gives a pooled connection whose {@code prepareStatement(sql)} and
 * {@code prepareStatement(sql, keys)} hand out the connection's kept statement, whose {@code close()}
 * clears its parameters and gives it back instead of closing it. A statement still in use is never
 * handed out twice: a second prepare of the same SQL meanwhile gets one of its own, closed as usual.
 * The statements live on the physical connection, outside HikariCP's tracking, and go with it.
 */
public final class StatementCache {
    /** Statements kept per connection; the least recently used one beyond is closed. */
    static final int PER_CONNECTION = 64;

    private final Map<Connection, Kept> byConnection = new ConcurrentHashMap<>();

    /** The pooled connection, with its physical connection's kept statements. */
    public Connection wrap(Connection pooled) throws SQLException {
        Connection physical = pooled.unwrap(Connection.class);
        Kept kept = byConnection.get(physical);
        if (kept == null) {
            byConnection.keySet().removeIf(StatementCache::closed); // the pool replaced a connection
            kept = new Kept();
            byConnection.put(physical, kept);
        }
        Kept statements = kept;
        return (Connection) Proxy.newProxyInstance(StatementCache.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    Object cacheKey = "prepareStatement".equals(method.getName()) ? key(args) : null;
                    if (cacheKey != null) {
                        return statements.lend(cacheKey, () -> args.length == 1
                                ? physical.prepareStatement((String) args[0])
                                : physical.prepareStatement((String) args[0], (String[]) args[1]), (Connection) proxy);
                    }
                    return call(pooled, method, args);
                });
    }

    /** How many statements are kept for this pooled connection's physical connection (for tests). */
    int kept(Connection pooled) throws SQLException {
        Kept kept = byConnection.get(pooled.unwrap(Connection.class));
        return kept == null ? 0 : kept.size();
    }

    /** The cache key of a prepare this class keeps: (sql) or (sql, String[] generated key columns). */
    private static Object key(Object[] args) {
        if (args.length == 1 && args[0] instanceof String sql) {
            return sql;
        }
        if (args.length == 2 && args[0] instanceof String sql && args[1] instanceof String[] keys) {
            return sql + "\u0000" + Arrays.toString(keys);
        }
        return null;
    }

    private static boolean closed(Connection connection) {
        try {
            return connection.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private interface Prepare {
        PreparedStatement run() throws SQLException;
    }

    /** One physical connection's statements; used by the one thread that holds that connection. */
    private static final class Kept {
        private final Map<Object, Slot> slots = new LinkedHashMap<>(16, 0.75f, true);

        synchronized int size() {
            return slots.size();
        }

        synchronized PreparedStatement lend(Object key, Prepare prepare, Connection owner) throws SQLException {
            Slot slot = slots.get(key);
            if (slot != null && slot.statement.isClosed()) {
                slots.remove(key);
                slot = null;
            }
            if (slot == null) {
                slot = new Slot(this, prepare.run());
                slots.put(key, slot);
                evictBeyondLimit();
            } else if (slot.lent) {
                return prepare.run(); // in use (the same SQL twice at once): one of its own
            }
            slot.lent = true;
            return slot.lend(owner);
        }

        private void evictBeyondLimit() throws SQLException {
            var oldest = slots.values().iterator();
            while (slots.size() > PER_CONNECTION && oldest.hasNext()) {
                Slot slot = oldest.next();
                oldest.remove();
                if (slot.lent) {
                    slot.evicted = true; // closed when given back
                } else {
                    slot.statement.close();
                }
            }
        }
    }

    /** A kept statement and whether it is lent out now (guarded by its {@link Kept}). */
    private static final class Slot {
        final Kept kept;
        final PreparedStatement statement;
        boolean lent;
        boolean evicted;

        Slot(Kept kept, PreparedStatement statement) {
            this.kept = kept;
            this.statement = statement;
        }

        /** A view whose close() gives the statement back; any use after that fails as for a closed one. */
        PreparedStatement lend(Connection owner) {
            boolean[] returned = {false};
            return (PreparedStatement) Proxy.newProxyInstance(StatementCache.class.getClassLoader(),
                    new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
                        switch (method.getName()) {
                            case "close" -> {
                                if (!returned[0]) {
                                    returned[0] = true;
                                    giveBack();
                                }
                                return null;
                            }
                            case "isClosed" -> {
                                return returned[0] || statement.isClosed();
                            }
                            case "getConnection" -> {
                                return owner;
                            }
                            default -> {
                                if (returned[0]) {
                                    throw new SQLException("statement is closed");
                                }
                                return call(statement, method, args);
                            }
                        }
                    });
        }

        private void giveBack() throws SQLException {
            try {
                if (!statement.isClosed()) {
                    statement.clearParameters();
                    statement.clearBatch();
                }
            } finally {
                boolean close;
                synchronized (kept) {
                    lent = false;
                    close = evicted;
                }
                if (close) {
                    statement.close();
                }
            }
        }
    }
}
