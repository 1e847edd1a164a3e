package org.mailconsole.console;

/** A save based on a version that someone else has changed since. Nothing was written. */
public class StaleVersionException extends RuntimeException {
    public StaleVersionException(long expected, long current) {
        super("the settings were changed by someone else since version " + expected
                + " (now version " + current + "); reload and apply your change again");
    }
}
