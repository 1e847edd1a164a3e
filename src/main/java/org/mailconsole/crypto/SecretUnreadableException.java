package org.mailconsole.crypto;

/** A stored secret that the current key cannot open. The message never contains the secret. */
public class SecretUnreadableException extends RuntimeException {
    public SecretUnreadableException(String message) {
        super(message);
    }
}
