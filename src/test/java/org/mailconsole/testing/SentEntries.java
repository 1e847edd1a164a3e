package org.mailconsole.testing;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.mailconsole.store.Database;

/** The email log entry that a message sent through the shared session became, found by its Message-ID. */
public final class SentEntries {
    private SentEntries() {
    }

    /** The entry's id; {@code sent} is the message after {@code sendMessage} returned. */
    public static long idOf(Database database, MimeMessage sent) throws MessagingException {
        String messageId = sent.getMessageID();
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT id FROM email_entry WHERE message_id = ?")) {
                query.setString(1, messageId);
                try (ResultSet rows = query.executeQuery()) {
                    if (!rows.next()) {
                        throw new AssertionError("no email log entry has the Message-ID " + messageId);
                    }
                    return rows.getLong(1);
                }
            }
        });
    }
}
