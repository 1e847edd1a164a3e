package org.mailconsole.store;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;

/**
 * JDBC drivers a class loader registered with the JVM-wide DriverManager. A driver registers
 * itself when its class loads ({@link Database} loads HSQLDB's or PostgreSQL's); one that a
 * webapp's own jars brought keeps the whole webapp in memory after it stops unless it is
 * deregistered (Tomcat logs it as a leak).
 */
public final class JdbcDrivers {
    private static final System.Logger LOG = System.getLogger(JdbcDrivers.class.getName());

    private JdbcDrivers() {
    }

    /** Deregisters every driver whose class {@code loader} loaded; a container's own drivers stay. */
    public static void deregisterLoadedBy(ClassLoader loader) {
        for (Driver driver : Collections.list(DriverManager.getDrivers())) {
            if (driver.getClass().getClassLoader() != loader) {
                continue;
            }
            try {
                DriverManager.deregisterDriver(driver);
                LOG.log(System.Logger.Level.DEBUG, "Mail Console deregistered the JDBC driver {0}", driver.getClass().getName());
            } catch (SQLException | SecurityException e) {
                LOG.log(System.Logger.Level.WARNING, "Mail Console could not deregister the JDBC driver "
                        + driver.getClass().getName() + ": " + e.getMessage());
            }
        }
    }
}
