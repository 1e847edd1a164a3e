package org.mailconsole.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.mailconsole.crypto.SecretBox;
import org.mailconsole.model.AccountField;
import org.mailconsole.model.AccountSecret;
import org.mailconsole.model.AccountSecrets;
import org.mailconsole.model.AuditEntry;
import org.mailconsole.model.EmailAccount;
import org.mailconsole.model.GraphSecrets;
import org.mailconsole.model.Protocol;

/**
 * The email_account table. Secrets are sealed here on the way in and opened on the way out;
 * every write checks the account's version and the one-active-SMTP-account rule in its transaction.
 */
public final class AccountStore {
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String FOREIGN_KEY_VIOLATION = "23503";
    /** The admin's fields (AccountField), then the columns the store itself keeps. */
    private static final String FIELD_COLUMNS = Arrays.stream(AccountField.values()).map(AccountField::column)
            .collect(Collectors.joining(", "));
    private static final String SECRET_COLUMNS = Arrays.stream(AccountSecret.values()).map(AccountSecret::column)
            .collect(Collectors.joining(", "));
    private static final String COLUMNS = "id, " + FIELD_COLUMNS + ", provisioned, " + SECRET_COLUMNS + ", version";

    private final Database database;
    private final SecretBox secrets;

    public AccountStore(Database database, SecretBox secrets) {
        this.database = database;
        this.secrets = secrets;
    }

    /** Moves on with every insert, update and delete (not with stored tokens). */
    public long version() {
        return database.read(connection -> ConfigVersions.read(connection, ConfigVersions.ACCOUNTS));
    }

    public List<EmailAccount> list() {
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM email_account ORDER BY id");
                 ResultSet rows = query.executeQuery()) {
                List<EmailAccount> accounts = new ArrayList<>();
                while (rows.next()) {
                    accounts.add(account(rows));
                }
                return accounts;
            }
        });
    }

    public Optional<EmailAccount> find(long id) {
        return database.read(connection -> find(connection, id));
    }

    /** The account's secrets in clear (for connecting; never for display). */
    public AccountSecrets secrets(long id) {
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT password, oauth_client_secret, "
                    + "oauth_refresh_token, oauth_access_token, oauth_access_expires FROM email_account WHERE id = ?")) {
                query.setLong(1, id);
                try (ResultSet rows = query.executeQuery()) {
                    if (!rows.next()) {
                        return AccountSecrets.NONE;
                    }
                    Timestamp expires = rows.getTimestamp(5);
                    return new AccountSecrets(open(rows.getString(1)), open(rows.getString(2)),
                            open(rows.getString(3)), open(rows.getString(4)),
                            expires == null ? null : expires.toInstant());
                }
            }
        });
    }

    /** A Graph account's secrets in clear (for signing in; never for display). */
    public GraphSecrets graphSecrets(long id) {
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT graph_client_secret, graph_certificate, "
                    + "graph_private_key FROM email_account WHERE id = ?")) {
                query.setLong(1, id);
                try (ResultSet rows = query.executeQuery()) {
                    if (!rows.next()) {
                        return GraphSecrets.NONE;
                    }
                    return new GraphSecrets(open(rows.getString(1)), open(rows.getString(2)), open(rows.getString(3)));
                }
            }
        });
    }

    /**
     * Adds an account with its secrets (null values are not stored) and audit entries.
     *
     * @return the saved account, with its id and version 1
     */
    public EmailAccount insert(EmailAccount account, Map<AccountSecret, String> secretValues, List<AuditEntry> audit) {
        return database.inTransaction(connection -> {
            ConfigVersions.bump(connection, ConfigVersions.ACCOUNTS); // first: serialises account writes
            checkRules(connection, account, -1);
            long id;
            int values = AccountField.values().length + 1 + AccountSecret.values().length;
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO email_account (" + FIELD_COLUMNS
                    + ", provisioned, " + SECRET_COLUMNS + ", version) VALUES ("
                    + String.join(", ", Collections.nCopies(values, "?")) + ", 1)", new String[] {"id"})) {
                Parameters parameters = bindFields(insert, account);
                for (AccountSecret secret : AccountSecret.values()) {
                    parameters.add(seal(secretValues.get(secret)), Types.VARCHAR);
                }
                execute(insert);
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            fillNameKey(connection, id);
            AuditStore.insert(connection, audit);
            return find(connection, id).orElseThrow();
        });
    }

    /**
     * Replaces an account's fields, changes the given secrets (a null value clears one; absent keeps it)
     * and forgets its cached access token, if its version is still {@code account.version()}.
     *
     * @return the saved account with its new version
     */
    public EmailAccount update(EmailAccount account, Map<AccountSecret, String> secretChanges, List<AuditEntry> audit) {
        return database.inTransaction(connection -> {
            ConfigVersions.bump(connection, ConfigVersions.ACCOUNTS); // first: serialises account writes
            checkRules(connection, account, account.id());
            String assignments = Arrays.stream(AccountField.values()).map(f -> f.column() + " = ?")
                    .collect(Collectors.joining(", "));
            try (PreparedStatement update = connection.prepareStatement("UPDATE email_account SET " + assignments
                    + ", provisioned = ?, oauth_access_token = NULL, oauth_access_expires = NULL, "
                    + "version = version + 1 WHERE id = ? AND version = ?")) {
                Parameters parameters = bindFields(update, account);
                parameters.add(account.id(), Types.BIGINT);
                parameters.add(account.version(), Types.BIGINT);
                if (execute(update) != 1) {
                    throw stale(connection, account.id(), account.version());
                }
            }
            for (Map.Entry<AccountSecret, String> change : secretChanges.entrySet()) {
                try (PreparedStatement write = connection.prepareStatement(
                        "UPDATE email_account SET " + change.getKey().column() + " = ? WHERE id = ?")) {
                    write.setString(1, seal(change.getValue()));
                    write.setLong(2, account.id());
                    write.executeUpdate();
                }
            }
            fillNameKey(connection, account.id());
            AuditStore.insert(connection, audit);
            return find(connection, account.id()).orElseThrow();
        });
    }

    /**
     * Makes an outbound account (SMTP or Graph) the active one in one transaction: the other active one (the one
     * the admin confirmed, {@code expectedActiveId}, or none when null) is deactivated and this one
     * activated, so there is no moment without an active SMTP account and never two.
     *
     * @param anyActive deactivate whichever SMTP account is active (the API without {@code replaces})
     * @param audit     the audit entries, given the name of the account deactivated (null: none was active)
     * @return the activated account with its new version
     * @throws AccountConflictException {@code ACTIVE_SMTP_CHANGED} when the active SMTP account is no
     *                                  longer the one confirmed (naming the current one)
     */
    public EmailAccount activateSmtp(long id, long version, Long expectedActiveId, boolean anyActive,
                                     Function<String, List<AuditEntry>> audit) {
        return database.inTransaction(connection -> {
            ConfigVersions.bump(connection, ConfigVersions.ACCOUNTS); // first: serialises account writes
            Long activeId = null;
            String activeName = null;
            try (PreparedStatement query = connection.prepareStatement("SELECT id, name FROM email_account "
                    + "WHERE account_type IN (" + Protocol.OUTBOUND_SQL_LIST + ") AND active = TRUE AND id <> ?")) {
                query.setLong(1, id);
                try (ResultSet rows = query.executeQuery()) {
                    if (rows.next()) {
                        activeId = rows.getLong(1);
                        activeName = rows.getString(2);
                    }
                }
            }
            if (!anyActive && !Objects.equals(activeId, expectedActiveId)) {
                throw new AccountConflictException(AccountConflictException.Conflict.ACTIVE_SMTP_CHANGED, activeName);
            }
            if (activeId != null) {
                try (PreparedStatement off = connection.prepareStatement("UPDATE email_account SET active = FALSE, "
                        + "version = version + 1 WHERE id = ?")) {
                    off.setLong(1, activeId);
                    off.executeUpdate();
                }
            }
            try (PreparedStatement on = connection.prepareStatement("UPDATE email_account SET active = TRUE, "
                    + "version = version + 1 WHERE id = ? AND version = ? AND account_type IN ("
                    + Protocol.OUTBOUND_SQL_LIST + ")")) {
                on.setLong(1, id);
                on.setLong(2, version);
                if (on.executeUpdate() != 1) {
                    throw stale(connection, id, version);
                }
            }
            AuditStore.insert(connection, audit.apply(activeName));
            return find(connection, id).orElseThrow();
        });
    }

    /** Deletes an account (and its transcripts) if its version is still {@code version}. */
    public void delete(long id, long version, List<AuditEntry> audit) {
        database.inTransaction(connection -> {
            ConfigVersions.bump(connection, ConfigVersions.ACCOUNTS); // first: serialises account writes
            Optional<String> namer = FallbackReferences.namedBy(connection, id);
            if (namer.isPresent()) {
                throw new AccountConflictException(AccountConflictException.Conflict.FALLBACK_NAMED, namer.get());
            }
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM email_account WHERE id = ? AND version = ?")) {
                delete.setLong(1, id);
                delete.setLong(2, version);
                if (delete.executeUpdate() != 1) {
                    throw stale(connection, id, version);
                }
            } catch (SQLException e) {
                if (FallbackReferences.violated(e)) {
                    throw new AccountConflictException(AccountConflictException.Conflict.FALLBACK_NAMED,
                            FallbackReferences.namedBy(connection, id).orElse(null));
                }
                throw e;
            }
            AuditStore.insert(connection, audit);
            return null;
        });
    }

    /**
     * Stores a fetched access token and, when the token endpoint rotated it, the new refresh token.
     * Does not change the account's version: tokens are not an admin's edit.
     */
    public void saveTokens(long id, String accessToken, Instant expires, String rotatedRefreshToken) {
        database.inTransaction(connection -> {
            String sql = "UPDATE email_account SET oauth_access_token = ?, oauth_access_expires = ?"
                    + (rotatedRefreshToken != null ? ", oauth_refresh_token = ?" : "") + " WHERE id = ?";
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                update.setString(1, seal(accessToken));
                update.setTimestamp(2, expires == null ? null : Timestamp.from(expires));
                int next = 3;
                if (rotatedRefreshToken != null) {
                    update.setString(next++, seal(rotatedRefreshToken));
                }
                update.setLong(next, id);
                update.executeUpdate();
            }
            return null;
        });
    }

    private static void checkRules(Connection connection, EmailAccount account, long ownId) throws SQLException {
        if (account.active() && account.type().outbound()) {
            try (PreparedStatement query = connection.prepareStatement("SELECT name FROM email_account "
                    + "WHERE account_type IN (" + Protocol.OUTBOUND_SQL_LIST + ") AND active = TRUE AND id <> ?")) {
                query.setLong(1, ownId);
                try (ResultSet rows = query.executeQuery()) {
                    if (rows.next()) {
                        throw new AccountConflictException(AccountConflictException.Conflict.ACTIVE_SMTP,
                                rows.getString(1));
                    }
                }
            }
        }
        AddressFilterReferences.check(connection, account);
        FallbackReferences.check(connection, account, ownId);
        FallbackReferences.checkStaysOutbound(connection, account);
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT id FROM email_account WHERE LOWER(name) = LOWER(?) AND id <> ?")) {
            query.setString(1, account.name());
            query.setLong(2, ownId);
            try (ResultSet rows = query.executeQuery()) {
                if (rows.next()) {
                    throw new AccountConflictException(AccountConflictException.Conflict.NAME, null);
                }
            }
        }
    }

    /** name_key = LOWER(name): its unique constraint (V4) makes names unique regardless of letter case. */
    private static void fillNameKey(Connection connection, long id) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE email_account SET name_key = LOWER(name) WHERE id = ?")) {
            update.setLong(1, id);
            execute(update);
        }
    }

    private static int execute(PreparedStatement statement) throws SQLException {
        try {
            return statement.executeUpdate();
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw new AccountConflictException(AccountConflictException.Conflict.NAME, null);
            }
            if (FallbackReferences.violated(e)) {
                throw AccountConflictException.fallback("the account named was deleted just now");
            }
            if (FOREIGN_KEY_VIOLATION.equals(e.getSQLState())) {
                throw AccountConflictException.addressFilter("the system address filter was deleted just now");
            }
            throw e;
        }
    }

    private static VersionConflictException stale(Connection connection, long id, long expected) throws SQLException {
        Optional<EmailAccount> current = find(connection, id);
        if (current.isEmpty()) {
            throw new MissingRowException("email_account", id);
        }
        return new VersionConflictException(expected, current.get().version());
    }

    private static Optional<EmailAccount> find(Connection connection, long id) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM email_account WHERE id = ?")) {
            query.setLong(1, id);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(account(rows)) : Optional.empty();
            }
        }
    }

    /** Binds the admin's fields and the provisioned code, in the order of {@link #FIELD_COLUMNS}. */
    private static Parameters bindFields(PreparedStatement statement, EmailAccount account) throws SQLException {
        Parameters parameters = new Parameters(statement);
        for (AccountField field : AccountField.values()) {
            parameters.add(field.value(account), field.sqlType());
        }
        parameters.add(account.provisioned() == null ? null : account.provisioned().code(), Types.VARCHAR);
        return parameters;
    }

    /** Binds statement parameters one after another. */
    private static final class Parameters {
        private final PreparedStatement statement;
        private int next = 1;

        Parameters(PreparedStatement statement) {
            this.statement = statement;
        }

        void add(Object value, int sqlType) throws SQLException {
            if (value == null) {
                statement.setNull(next++, sqlType);
            } else {
                statement.setObject(next++, value, sqlType);
            }
        }
    }

    private static EmailAccount account(ResultSet rows) throws SQLException {
        EmailAccount.Builder account = EmailAccount.builder().id(rows.getLong("id")).version(rows.getLong("version"));
        for (AccountField field : AccountField.values()) {
            field.set(account, rows.getObject(field.column()));
        }
        String provisioned = rows.getString("provisioned");
        account.provisioned(provisioned == null ? null : EmailAccount.Provisioned.fromCode(provisioned));
        for (AccountSecret secret : AccountSecret.values()) {
            account.secretSet(secret, rows.getString(secret.column()) != null);
        }
        return account.build();
    }

    private String seal(String plain) {
        return plain == null || plain.isEmpty() ? null : secrets.seal(plain);
    }

    private String open(String sealed) {
        return sealed == null ? null : secrets.open(sealed);
    }
}
