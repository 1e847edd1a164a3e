package org.mailconsole.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.mailconsole.crypto.SecretBox;
import org.mailconsole.crypto.SecretUnreadableException;
import org.mailconsole.model.PropertyCatalog;
import org.mailconsole.model.PropertyDef;

/**
 * Proves at start that this key file is the database's key: the first start stores a known text
 * sealed with its key (table key_check, V6); every start, on any node, must open it. A node with
 * another key file refuses to start with {@link KeyMismatchException} rather than fail later on
 * every stored secret. A database that already holds secrets from before V6 is checked against one
 * of them before its check value is written.
 */
public final class KeyCheck {
    private static final String KNOWN_TEXT = "mail-console key check";
    private static final int ROW = 1;
    private static final System.Logger LOG = System.getLogger(KeyCheck.class.getName());

    private KeyCheck() {
    }

    public static void verify(Database database, SecretBox secrets) {
        Optional<String> stored = database.read(KeyCheck::storedCheck);
        if (stored.isEmpty()) {
            database.read(KeyCheck::anyOlderSecret).ifPresent(sealed -> requireOpens(database, secrets, sealed));
            try {
                database.inTransaction(connection -> insert(connection, secrets.seal(KNOWN_TEXT)));
                LOG.log(System.Logger.Level.INFO, "Mail Console key check stored: every node of this database "
                        + "must use the key file {0}", database.settings().keyFile());
                return;
            } catch (StoreException raced) {
                // another node stored its check value first: check against that one
                stored = database.read(KeyCheck::storedCheck);
                if (stored.isEmpty()) {
                    throw raced;
                }
            }
        }
        requireOpens(database, secrets, stored.get());
    }

    private static void requireOpens(Database database, SecretBox secrets, String sealed) {
        try {
            secrets.open(sealed); // AES-GCM: only the key that sealed it opens it
            return;
        } catch (SecretUnreadableException e) {
            // another key: refuse below
        }
        StorageSettings settings = database.settings();
        throw new KeyMismatchException("Mail Console refuses to start: the key file " + settings.keyFile()
                + " is not the key of the database " + JdbcUrls.masked(settings.jdbcUrl()) + " (its secrets were sealed with "
                + "another key file). Every node and every start must use the same key file: copy the key file of "
                + "the node that first used this database to this node (setting mailconsole.key.file), then start "
                + "again.");
    }

    private static Optional<String> storedCheck(Connection connection) throws SQLException {
        return first(connection, "SELECT sealed FROM key_check WHERE id = " + ROW, null);
    }

    /** A secret sealed before the check value existed: a secret property or an account's password. */
    private static Optional<String> anyOlderSecret(Connection connection) throws SQLException {
        List<String> secretNames = PropertyCatalog.all().stream().filter(PropertyDef::secret).map(PropertyDef::name)
                .toList();
        for (String name : secretNames) {
            Optional<String> value = first(connection, "SELECT prop_value FROM email_property WHERE name = ?", name);
            if (value.isPresent()) {
                return value;
            }
        }
        return first(connection, "SELECT password FROM email_account WHERE password IS NOT NULL ORDER BY id", null);
    }

    private static Optional<String> first(Connection connection, String sql, String parameter) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            if (parameter != null) {
                query.setString(1, parameter);
            }
            query.setMaxRows(1);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        }
    }

    private static Void insert(Connection connection, String sealed) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO key_check (id, sealed, created_at) VALUES (?, ?, ?)")) {
            insert.setInt(1, ROW);
            insert.setString(2, sealed);
            insert.setTimestamp(3, Timestamp.from(Instant.now()));
            insert.executeUpdate();
        }
        return null;
    }
}
