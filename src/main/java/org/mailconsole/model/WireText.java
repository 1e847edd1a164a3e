package org.mailconsole.model;

/**
 * The one rule for every secret and every value that goes on the wire (user names, hosts,
 * folders, addresses, OAuth 2.0 fields, the glide.* properties): no control characters. A CR/LF
 * in a password would otherwise reach a POP3 or SMTP server as a command of its own.
 */
public final class WireText {
    public static final String PROBLEM = "must be a single line without control characters";

    private WireText() {
    }

    /** Null when the value has no control character (C0, DEL, C1, line or paragraph separator), else {@link #PROBLEM}. */
    public static String check(String value) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                return PROBLEM;
            }
        }
        return null;
    }
}
