package org.mailconsole.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.mailconsole.model.emaillog.SearchTerms;

/**
 * Search terms are written with their entry again (V11 had written them behind, through
 * {@code email_term_pending}): the terms of entries still pending are written now, and the table
 * goes. In Java because the terms are made by {@link SearchTerms}, as for every entry.
 */
public final class V12__TermsWrittenWithTheEntry extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        try (PreparedStatement pending = connection.prepareStatement("SELECT e.id, e.from_address, e.subject, "
                + "e.recipients, e.actual_recipients FROM email_term_pending p JOIN email_entry e ON e.id = p.entry_id");
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO email_term (term, entry_id) VALUES (?, ?)");
             ResultSet rows = pending.executeQuery()) {
            while (rows.next()) {
                long id = rows.getLong(1);
                for (String term : SearchTerms.of(rows.getString(2), rows.getString(3), lines(rows.getString(4)),
                        lines(rows.getString(5)))) {
                    insert.setString(1, term);
                    insert.setLong(2, id);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
        try (Statement drop = connection.createStatement()) {
            drop.execute("DROP TABLE email_term_pending");
        }
    }

    /** An address list as V3 lays it out in its column: one address a line. */
    private static List<String> lines(String column) {
        return column == null || column.isEmpty() ? List.of() : List.of(column.split("\n"));
    }
}
