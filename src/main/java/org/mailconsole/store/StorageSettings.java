package org.mailconsole.store;

import java.nio.file.Path;

/**
 * Where the console keeps its data: the JDBC database and the key file that
 * encrypts secrets. Resolved by {@link StorageSettingsResolver}.
 */
public record StorageSettings(String jdbcUrl, String user, String password, Path keyFile) {

    /** An HSQLDB file database opened inside this JVM (the default). */
    public boolean embeddedHsqldb() {
        return jdbcUrl.startsWith("jdbc:hsqldb:file:");
    }

    /** The embedded database's files: their path without the extensions HSQLDB adds (".script", ".data", ...). */
    public Path embeddedFiles() {
        if (!embeddedHsqldb()) {
            throw new IllegalStateException("not an embedded database: " + jdbcUrl);
        }
        String path = jdbcUrl.substring("jdbc:hsqldb:file:".length());
        int options = path.indexOf(';');
        String files = options < 0 ? path : path.substring(0, options);
        // HSQLDB reads a leading ~ as the user's home directory
        return files.startsWith("~") ? Path.of(System.getProperty("user.home") + files.substring(1)) : Path.of(files);
    }

    /** A PostgreSQL server (the engine for several containers); otherwise HSQLDB. */
    public boolean postgres() {
        return postgres(jdbcUrl);
    }

    /** Whether {@code jdbcUrl} names a PostgreSQL database. */
    public static boolean postgres(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:postgresql:");
    }

    /** The JDBC URL of an embedded HSQLDB file database at {@code path} (a file name prefix). */
    public static String embeddedUrl(Path path) {
        // cached tables keep big tables (the email log) off the heap; no write delay so a
        // killed process loses no committed change
        return "jdbc:hsqldb:file:" + path.toAbsolutePath()
                + ";hsqldb.default_table_type=cached;hsqldb.write_delay=false";
    }

    @Override
    public String toString() {
        return "StorageSettings[jdbcUrl=" + JdbcUrls.masked(jdbcUrl) + ", user=" + user + ", password="
                + (password == null || password.isEmpty() ? "(none)" : "(set)") + ", keyFile=" + keyFile + "]";
    }
}
