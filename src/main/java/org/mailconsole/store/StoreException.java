package org.mailconsole.store;

/** The database failed (not the caller's input). */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
