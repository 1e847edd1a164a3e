package org.mailconsole.store.emaillog;

/** An admin action that does not fit the entry's state (retry a Sent message, cancel one being sent): 409. */
public final class EmailStateConflictException extends RuntimeException {
    public EmailStateConflictException(String message) {
        super(message);
    }
}
