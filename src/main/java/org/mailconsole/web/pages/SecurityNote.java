package org.mailconsole.web.pages;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a page says about a connection security choice (one wording for the account form and System
 * Properties > Email, server side and in their scripts, which read it from data attributes): None is
 * warned about, STARTTLS (always required here) gets a calm note, SSL/TLS nothing. The labels read
 * None / STARTTLS / SSL/TLS everywhere.
 */
final class SecurityNote {
    static final String NONE = "None: the password and every message cross the network in plain text. "
            + "Choose SSL/TLS or STARTTLS unless the server runs on this machine.";
    static final String STARTTLS = "STARTTLS: the connection starts in plain text and is upgraded to TLS before "
            + "the login. The upgrade is required: a server that does not offer it is refused, never used in plain text.";

    private SecurityNote() {
    }

    /** The label of a security choice (NONE, STARTTLS, SSL in any letter case). */
    static String label(String security) {
        return switch (security == null ? "" : security.toUpperCase(Locale.ROOT)) {
            case "NONE" -> "None";
            case "STARTTLS" -> "STARTTLS";
            case "SSL" -> "SSL/TLS";
            default -> security == null ? "" : security;
        };
    }

    /** {@code kind} (warning, note or empty), {@code text}, and both texts for the page's script. */
    static Map<String, String> of(String security, boolean outgoingOff) {
        Map<String, String> note = new HashMap<>();
        String choice = outgoingOff || security == null ? "" : security.toUpperCase(Locale.ROOT);
        note.put("kind", choice.equals("NONE") ? "warning" : choice.equals("STARTTLS") ? "note" : "");
        note.put("text", choice.equals("NONE") ? NONE : choice.equals("STARTTLS") ? STARTTLS : "");
        note.put("none", NONE);
        note.put("starttls", STARTTLS);
        return note;
    }
}
