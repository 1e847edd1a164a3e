package org.mailconsole.model.emaillog;

/** A recipient with why it was left out: the filter's reason (blocked) or the server's reply (refused). */
public record RecipientNote(String address, String note) {
}
