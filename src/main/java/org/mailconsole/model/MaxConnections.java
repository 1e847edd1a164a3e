package org.mailconsole.model;

/**
 * The rule of an outbound account's Connections setting (email-model.md section 7): how many
 * connections to its relay the delivery engine keeps at once.
 */
public final class MaxConnections {
    public static final int MIN = 1;
    /** More than a relay would take from one sender; each connection is a thread and a socket. */
    public static final int MAX = 50;
    /** The value of a new account and of every account stored before the setting existed (V14). */
    public static final int DEFAULT = 4;
    public static final String RULE = "must be a whole number from " + MIN + " to " + MAX;

    private MaxConnections() {
    }

    /** The number typed in, or null when it is not a whole number within the bounds. */
    public static Integer parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            int value = Integer.parseInt(text.trim());
            return value >= MIN && value <= MAX ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A stored value within the bounds (a value from outside the console's checks is clamped). */
    public static int clamp(int value) {
        return Math.max(MIN, Math.min(MAX, value));
    }
}
