package org.mailconsole.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mailconsole.crypto.SecretBox;
import org.mailconsole.model.AccountSecret;
import org.mailconsole.model.AccountSecrets;
import org.mailconsole.model.AuditEntry;
import org.mailconsole.model.Authentication;
import org.mailconsole.model.ConnectionSecurity;
import org.mailconsole.model.EmailAccount;
import org.mailconsole.model.OAuth2Client;
import org.mailconsole.model.Protocol;

/**
 * The email_account table. Secrets are sealed here on the way in and opened on the way out;
 * every write checks the account's version and the one-active-SMTP-account rule in its transaction.
 */
public final class AccountStore {
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String COLUMNS = "id, name, account_type, authentication, server, port, security, "
            + "user_name, from_address, display_name, folder, address_filter_id, active, provisioned, "
            + "debug_logging, oauth_token_url, oauth_client_id, oauth_scope, trusted_certificates, "
            + "password, oauth_client_secret, oauth_refresh_token, version";

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
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO email_account (name, "
                    + "account_type, authentication, server, port, security, user_name, from_address, display_name, "
                    + "folder, address_filter_id, active, provisioned, debug_logging, oauth_token_url, "
                    + "oauth_client_id, oauth_scope, trusted_certificates, password, oauth_client_secret, "
                    + "oauth_refresh_token, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                    + "?, ?, ?, 1)", new String[] {"id"})) {
                bindFields(insert, account);
                insert.setString(19, seal(secretValues.get(AccountSecret.PASSWORD)));
                insert.setString(20, seal(secretValues.get(AccountSecret.CLIENT_SECRET)));
                insert.setString(21, seal(secretValues.get(AccountSecret.REFRESH_TOKEN)));
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
            try (PreparedStatement update = connection.prepareStatement("UPDATE email_account SET name = ?, "
                    + "account_type = ?, authentication = ?, server = ?, port = ?, security = ?, user_name = ?, "
                    + "from_address = ?, display_name = ?, folder = ?, address_filter_id = ?, active = ?, "
                    + "provisioned = ?, debug_logging = ?, oauth_token_url = ?, oauth_client_id = ?, "
                    + "oauth_scope = ?, trusted_certificates = ?, oauth_access_token = NULL, "
                    + "oauth_access_expires = NULL, version = version + 1 WHERE id = ? AND version = ?")) {
                bindFields(update, account);
                update.setLong(19, account.id());
                update.setLong(20, account.version());
                if (execute(update) != 1) {
                    throw stale(connection, account.id(), account.version());
                }
            }
            for (Map.Entry<AccountSecret, String> change : secretChanges.entrySet()) {
                try (PreparedStatement write = connection.prepareStatement(
                        "UPDATE email_account SET " + column(change.getKey()) + " = ? WHERE id = ?")) {
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

    /** Deletes an account (and its transcripts) if its version is still {@code version}. */
    public void delete(long id, long version, List<AuditEntry> audit) {
        database.inTransaction(connection -> {
            ConfigVersions.bump(connection, ConfigVersions.ACCOUNTS); // first: serialises account writes
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM email_account WHERE id = ? AND version = ?")) {
                delete.setLong(1, id);
                delete.setLong(2, version);
                if (delete.executeUpdate() != 1) {
                    throw stale(connection, id, version);
                }
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
        if (account.active() && account.type() == Protocol.SMTP) {
            try (PreparedStatement query = connection.prepareStatement("SELECT name FROM email_account "
                    + "WHERE account_type = 'SMTP' AND active = TRUE AND id <> ?")) {
                query.setLong(1, ownId);
                try (ResultSet rows = query.executeQuery()) {
                    if (rows.next()) {
                        throw new AccountRuleException("active", "Only one SMTP account may be active: \""
                                + rows.getString(1) + "\" is active. Deactivate it first.");
                    }
                }
            }
        }
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT id FROM email_account WHERE LOWER(name) = LOWER(?) AND id <> ?")) {
            query.setString(1, account.name());
            query.setLong(2, ownId);
            try (ResultSet rows = query.executeQuery()) {
                if (rows.next()) {
                    throw new AccountRuleException("name", "is already the name of another account");
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
                throw new AccountRuleException("name", "is already the name of another account");
            }
            throw e;
        }
    }

    private static StaleVersionException stale(Connection connection, long id, long expected) throws SQLException {
        Optional<EmailAccount> current = find(connection, id);
        if (current.isEmpty()) {
            throw new AccountNotFoundException(id);
        }
        return new StaleVersionException(expected, current.get().version());
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

    private static void bindFields(PreparedStatement statement, EmailAccount account) throws SQLException {
        statement.setString(1, account.name());
        statement.setString(2, account.type().name());
        statement.setString(3, account.authentication().name());
        statement.setString(4, account.server());
        if (account.port() == null) {
            statement.setNull(5, Types.INTEGER);
        } else {
            statement.setInt(5, account.port());
        }
        statement.setString(6, account.security().name());
        statement.setString(7, account.userName());
        statement.setString(8, account.fromAddress());
        statement.setString(9, account.displayName());
        statement.setString(10, account.folder());
        if (account.addressFilterId() == null) {
            statement.setNull(11, Types.BIGINT);
        } else {
            statement.setLong(11, account.addressFilterId());
        }
        statement.setBoolean(12, account.active());
        statement.setString(13, account.provisioned() == null ? null : account.provisioned().code());
        statement.setBoolean(14, account.debugLogging());
        OAuth2Client oauth2 = account.oauth2() == null ? OAuth2Client.NONE : account.oauth2();
        statement.setString(15, oauth2.tokenUrl());
        statement.setString(16, oauth2.clientId());
        statement.setString(17, oauth2.scope());
        statement.setString(18, account.trustedCertificates());
    }

    private static EmailAccount account(ResultSet rows) throws SQLException {
        int port = rows.getInt("port");
        Integer portValue = rows.wasNull() ? null : port;
        long filter = rows.getLong("address_filter_id");
        Long filterId = rows.wasNull() ? null : filter;
        String provisioned = rows.getString("provisioned");
        return new EmailAccount(
                rows.getLong("id"),
                rows.getString("name"),
                Protocol.valueOf(rows.getString("account_type")),
                Authentication.valueOf(rows.getString("authentication")),
                rows.getString("server"),
                portValue,
                ConnectionSecurity.valueOf(rows.getString("security")),
                rows.getString("user_name"),
                rows.getString("from_address"),
                rows.getString("display_name"),
                rows.getString("folder"),
                filterId,
                rows.getBoolean("active"),
                provisioned == null ? null : EmailAccount.Provisioned.fromCode(provisioned),
                rows.getBoolean("debug_logging"),
                new OAuth2Client(rows.getString("oauth_token_url"), rows.getString("oauth_client_id"),
                        rows.getString("oauth_scope")),
                rows.getString("trusted_certificates"),
                rows.getString("password") != null,
                rows.getString("oauth_client_secret") != null,
                rows.getString("oauth_refresh_token") != null,
                rows.getLong("version"));
    }

    private static String column(AccountSecret secret) {
        return switch (secret) {
            case PASSWORD -> "password";
            case CLIENT_SECRET -> "oauth_client_secret";
            case REFRESH_TOKEN -> "oauth_refresh_token";
        };
    }

    private String seal(String plain) {
        return plain == null || plain.isEmpty() ? null : secrets.seal(plain);
    }

    private String open(String sealed) {
        return sealed == null ? null : secrets.open(sealed);
    }
}
