package org.mailconsole.store;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Connections to the configured database straight from its driver: the URL without its credential
 * parameters, those as connection properties ({@link JdbcUrls#split}). HikariCP is given this rather
 * than the URL, so neither its configuration dump nor Flyway's "Database: ..." line (read back
 * from the connection's metadata) holds a secret of the URL.
 */
final class UrlDataSource implements DataSource {
    private final Driver driver;
    private final JdbcUrls.Split url;
    private final String user;
    private final String password;

    UrlDataSource(Driver driver, String jdbcUrl, String user, String password) {
        this.driver = driver;
        this.url = JdbcUrls.split(jdbcUrl);
        this.user = user;
        this.password = password;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return getConnection(user, password);
    }

    @Override
    public Connection getConnection(String username, String pass) throws SQLException {
        Properties properties = new Properties();
        properties.putAll(url.credentials());
        if (username != null) {
            properties.setProperty("user", username);
        }
        if (pass != null) {
            properties.setProperty("password", pass);
        }
        Connection connection = driver.connect(url.url(), properties);
        if (connection == null) {
            throw new SQLException("the JDBC driver " + driver.getClass().getName() + " does not take the URL "
                    + JdbcUrls.masked(url.url()));
        }
        return connection;
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // nothing is logged here
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // the pool's connection timeout bounds a connect
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper of " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }

    @Override
    public String toString() {
        return "UrlDataSource[" + JdbcUrls.masked(url.url()) + "]";
    }
}
