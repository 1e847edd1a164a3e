package org.mailconsole.store.emaillog;

/** No log entry with this id: 404. */
public final class EmailNotFoundException extends RuntimeException {
    public EmailNotFoundException(long id) {
        super("no email with id " + id);
    }
}
