package org.mailconsole.console;

/** An admin action that does not fit the entry's state (retry a Sent message, cancel one being sent): 409. */
public final class EmailActionConflictException extends RuntimeException {
    public EmailActionConflictException(String message) {
        super(message);
    }
}
