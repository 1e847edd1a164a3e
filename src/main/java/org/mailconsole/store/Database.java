package org.mailconsole.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * The database handle: a pooled DataSource (HikariCP) for HSQLDB and PostgreSQL alike, schema
 * migration (Flyway, src/main/resources/db/migration) and, for an embedded HSQLDB, a clean
 * SHUTDOWN before the pool closes.
 */
public final class Database implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Database.class.getName());
    /** HSQLDB's error code for "the .lck file is held by a live engine". */
    private static final int HSQLDB_LOCK_FAILURE = -451;
    /**
     * A killed process leaves its .lck file, which HSQLDB trusts until its heartbeat is ~10 s old;
     * waiting a little longer lets a restart after a crash succeed, while a live holder
     * (another engine on the same files) still fails with a clear message.
     */
    private static final long LOCK_WAIT_MS = 20_000;

    /** Enough for the console's request threads, the live session and the Outbox sender. */
    private static final int POOL_SIZE = 10;

    private final StorageSettings settings;
    private final HikariDataSource pool;
    /**
     * HSQLDB (its default LOCKS mode) runs one writer of a table at a time anyway, and two
     * transactions that each read a table and then write it roll one back as a deadlock
     * ("serialization failure"); so its write transactions take turns here, a webapp's hand-over
     * first ({@link WriterTurns}). Null for PostgreSQL (row locks).
     */
    private final WriterTurns hsqldbWriter;
    private final PoolThreads poolThreads;
    private final AtomicLong changes = new AtomicLong();

    private Database(StorageSettings settings, HikariDataSource pool, PoolThreads poolThreads) {
        this.settings = settings;
        this.pool = pool;
        this.hsqldbWriter = settings.postgres() ? null : new WriterTurns();
        this.poolThreads = poolThreads;
    }

    /** Opens the database and brings its schema up to date. */
    public static Database open(StorageSettings settings) {
        UrlDataSource source = new UrlDataSource(driver(settings.jdbcUrl()), settings.jdbcUrl(), settings.user(),
                settings.password());
        if (settings.embeddedHsqldb()) {
            DataFolder.ownerOnly(settings.embeddedFiles().toAbsolutePath().getParent());
        }
        try (Connection connection = connectWaitingForStaleLock(source)) {
            if (settings.embeddedHsqldb()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SET FILES WRITE DELAY FALSE");
                }
            }
        } catch (SQLException e) {
            String reason = e.getErrorCode() == HSQLDB_LOCK_FAILURE
                    ? "another process has it open (its lock file is kept fresh); only one database engine "
                            + "may use these files: stop the other process or point this one at other files"
                    : e.getMessage();
            throw new InvalidSettingsException("cannot open the database at " + JdbcUrls.masked(settings.jdbcUrl())
                    + ": " + reason, e);
        }
        PoolThreads poolThreads = new PoolThreads();
        Database database = new Database(settings, pool(source, poolThreads), poolThreads);
        try {
            migrations(settings.jdbcUrl()).dataSource(database.pool).load().migrate();
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        LOG.log(System.Logger.Level.INFO, "Mail Console database ready at {0}", JdbcUrls.masked(settings.jdbcUrl()));
        return database;
    }

    /** The project's migrations with their placeholders for the engine of {@code jdbcUrl} (a data source still to set). */
    public static FluentConfiguration migrations(String jdbcUrl) {
        boolean postgres = StorageSettings.postgres(jdbcUrl);
        return Flyway.configure(Database.class.getClassLoader())
                .locations("classpath:db/migration")
                .placeholders(Map.of(
                        "binary_type", postgres ? "BYTEA" : "VARBINARY(67108864)",
                        "email_count_in_memory", postgres ? "SELECT 1" : "SET TABLE email_count TYPE MEMORY",
                        "memory_table", postgres ? "TABLE" : "MEMORY TABLE",
                        "minute_of_updated_at", postgres ? "date_trunc('minute', updated_at)" : "TRUNC(updated_at, 'MI')",
                        "minute_of_attempted_at", postgres ? "date_trunc('minute', attempted_at)" : "TRUNC(attempted_at, 'MI')"))
                .javaMigrations(new V12__TermsWrittenWithTheEntry());
    }

    private static HikariDataSource pool(UrlDataSource source, PoolThreads threads) {
        HikariConfig config = new HikariConfig();
        config.setThreadFactory(threads);
        config.setPoolName("mail-console");
        // a data source, not the URL: HikariCP's configuration dump masks only password=
        config.setDataSource(source);
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(10_000);
        // the console and the shared core are in different class loaders in standalone mode
        config.setRegisterMbeans(false);
        return new HikariDataSource(config);
    }

    /** The first connection, outside the pool: it may have to wait for a killed process's lock. */
    private static Connection connectWaitingForStaleLock(UrlDataSource source) throws SQLException {
        long deadline = System.currentTimeMillis() + LOCK_WAIT_MS;
        while (true) {
            try {
                return source.getConnection();
            } catch (SQLException e) {
                if (e.getErrorCode() != HSQLDB_LOCK_FAILURE || System.currentTimeMillis() > deadline) {
                    throw e;
                }
                LOG.log(System.Logger.Level.WARNING,
                        "database files are locked, perhaps by a process that was killed; retrying until the lock expires");
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** A connection from the pool; closing it gives it back. */
    public Connection connect() throws SQLException {
        return pool.getConnection();
    }

    /** Runs work in one transaction: committed if it returns, rolled back if it throws. */
    public <T> T inTransaction(SqlWork<T> work) {
        T result = inRecordTransaction(work);
        changes.incrementAndGet();
        return result;
    }

    /**
     * As {@link #inTransaction}, for work that changes nothing a cache of this JVM keeps (the email
     * log's entries, written several times per message): it does not move {@link #changes()}, so the
     * live configuration is not looked up again after each of them.
     */
    public <T> T inRecordTransaction(SqlWork<T> work) {
        return turn(false, work);
    }

    /**
     * As {@link #inRecordTransaction}, for a webapp's message handed over to the Outbox: the app
     * waits for it, so on HSQLDB it goes before the sender's waiting transactions ({@link WriterTurns}).
     */
    public <T> T inHandOverTransaction(SqlWork<T> work) {
        return turn(true, work);
    }

    private <T> T turn(boolean handOver, SqlWork<T> work) {
        if (hsqldbWriter == null) {
            return transaction(work);
        }
        hsqldbWriter.take(handOver);
        try {
            return transaction(work);
        } finally {
            hsqldbWriter.give();
        }
    }

    private <T> T transaction(SqlWork<T> work) {
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("database error: " + e.getMessage(), e);
        }
    }

    /** Runs read-only work on one connection. */
    public <T> T read(SqlWork<T> work) {
        try (Connection connection = connect()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new StoreException("database error: " + e.getMessage(), e);
        }
    }

    /**
     * How many {@link #inTransaction} commits this handle made: an in-memory hint that lets a cache in
     * the same JVM notice a local change at once, without a query (changes from other nodes need the
     * query). Record transactions ({@link #inRecordTransaction}) do not move it.
     */
    public long changes() {
        return changes.get();
    }

    public boolean isReachable() {
        try (Connection connection = connect()) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    public StorageSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        if (pool.isClosed()) {
            return;
        }
        if (settings.embeddedHsqldb()) {
            try (Connection connection = connect(); Statement statement = connection.createStatement()) {
                statement.execute("SHUTDOWN");
                LOG.log(System.Logger.Level.INFO, "Mail Console database shut down");
            } catch (SQLException e) {
                LOG.log(System.Logger.Level.WARNING, "HSQLDB shutdown failed: " + e.getMessage());
            }
        }
        pool.close();
        poolThreads.awaitEnd(5_000);
    }

    /**
     * The driver of this class's loader, used directly rather than through DriverManager (which picks
     * drivers by the caller's loader). Loading it still registers it with DriverManager (its static
     * initialiser does): a webapp that loaded it deregisters it when it stops (JdbcDrivers).
     */
    private static Driver driver(String url) {
        String driver = StorageSettings.postgres(url) ? "org.postgresql.Driver" : "org.hsqldb.jdbc.JDBCDriver";
        try {
            return (Driver) Class.forName(driver, true, Database.class.getClassLoader()).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new InvalidSettingsException("JDBC driver " + driver + " is not on the class path", e);
        }
    }

    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }
}
