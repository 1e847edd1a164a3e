package org.mailconsole.store;

/** Configuration that cannot be used; the message names the setting, its source and the fix. */
public class InvalidSettingsException extends RuntimeException {
    public InvalidSettingsException(String message) {
        super(message);
    }

    public InvalidSettingsException(String message, Throwable cause) {
        super(message, cause);
    }
}
