package org.mailconsole.store;

/**
 * The key file of this start is not the key the database's secrets were sealed with (another node
 * or an earlier start used another file). The message names the file and the database, never a key.
 */
public class KeyMismatchException extends InvalidSettingsException {
    public KeyMismatchException(String message) {
        super(message);
    }
}
