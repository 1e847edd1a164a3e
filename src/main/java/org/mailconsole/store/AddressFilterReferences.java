package org.mailconsole.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.mailconsole.model.EmailAccount;
import org.mailconsole.model.filter.FilterDirection;

/** The rule that an account's "System address filter" is a stored filter of the account's direction. */
final class AddressFilterReferences {
    private AddressFilterReferences() {
    }

    /** Inside the account's write transaction. */
    static void check(Connection connection, EmailAccount account) throws SQLException {
        if (account.addressFilterId() == null || account.type() == null) {
            return;
        }
        FilterDirection wanted = account.type().outbound() ? FilterDirection.OUTBOUND : FilterDirection.INBOUND;
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT name, direction FROM address_filter WHERE id = ?")) {
            query.setLong(1, account.addressFilterId());
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    throw AccountConflictException.addressFilter(
                            "there is no system address filter with id " + account.addressFilterId());
                }
                if (!wanted.name().equals(rows.getString(2))) {
                    throw AccountConflictException.addressFilter("\"" + rows.getString(1) + "\" is an "
                            + rows.getString(2).toLowerCase(java.util.Locale.ROOT) + " filter; a "
                            + account.type().name() + " account needs an " + wanted.code() + " one");
                }
            }
        }
    }
}
