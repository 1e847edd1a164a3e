package org.mailconsole.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.mailconsole.model.EmailAccount;
import org.mailconsole.model.Protocol;

/**
 * The rule of an account's "Fallback account" (email-model.md section 7.3): another stored outbound
 * account, and an account that another names stays outbound and is not deleted. Checked inside the
 * account's write transaction, after the accounts' version row is bumped, so every committed writer
 * is seen; the foreign key of V17 holds it even so.
 */
final class FallbackReferences {
    /** The foreign key's name, as the databases report it in a violation. */
    static final String CONSTRAINT = "email_account_fallback";

    private FallbackReferences() {
    }

    /** The account's own fallback: for an outbound account only; not itself, stored, outbound. */
    static void check(Connection connection, EmailAccount account, long ownId) throws SQLException {
        Long fallback = account.fallbackAccountId();
        if (fallback == null) {
            return;
        }
        if (account.type() != null && !account.type().outbound()) {
            throw AccountConflictException.fallback("is only for outbound accounts (SMTP or Microsoft Graph)");
        }
        if (fallback == ownId) {
            throw AccountConflictException.fallback("cannot be the account itself");
        }
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT name, account_type FROM email_account WHERE id = ?")) {
            query.setLong(1, fallback);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    throw AccountConflictException.fallback("there is no account with id " + fallback);
                }
                if (!Protocol.valueOf(rows.getString(2)).outbound()) {
                    throw AccountConflictException.fallback("\"" + rows.getString(1) + "\" is a "
                            + rows.getString(2) + " account; a fallback must be an outbound account (SMTP or "
                            + "Microsoft Graph)");
                }
            }
        }
    }

    /** An account that another names as its fallback may not become a POP3 or IMAP account. */
    static void checkStaysOutbound(Connection connection, EmailAccount account) throws SQLException {
        if (account.id() == null || account.type() == null || account.type().outbound()) {
            return;
        }
        Optional<String> namer = namedBy(connection, account.id());
        if (namer.isPresent()) {
            throw new AccountConflictException(AccountConflictException.Conflict.FALLBACK_NAMED, namer.get());
        }
    }

    /** The name of an account that names {@code id} as its fallback, if any. */
    static Optional<String> namedBy(Connection connection, long id) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT name FROM email_account WHERE fallback_account_id = ? ORDER BY id")) {
            query.setLong(1, id);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        }
    }

    /**
     * Whether a refused write broke this rule's foreign key: SQL state 23503 (PostgreSQL, and HSQLDB
     * for an insert or update) or 23504 (HSQLDB for a delete), naming the constraint.
     */
    static boolean violated(SQLException e) {
        return ("23503".equals(e.getSQLState()) || "23504".equals(e.getSQLState())) && e.getMessage() != null
                && e.getMessage().toLowerCase(java.util.Locale.ROOT).contains(CONSTRAINT);
    }
}
