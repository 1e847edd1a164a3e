package org.mailconsole.console;

/** No email log entry has this id (it may have been deleted by retention): 404. */
public final class EmailNotFoundException extends RuntimeException {
    public EmailNotFoundException(String message) {
        super(message);
    }
}
