package org.mailconsole.model.filter;

import java.util.Locale;

/** Whom a system address filter is about: who may receive our mail, or who may send to us. */
public enum FilterDirection {
    /** Recipients of the mail we send. */
    OUTBOUND,
    /** Senders of the mail we read (stored and shown; it does not act yet). */
    INBOUND;

    /** The API's spelling: "outbound", "inbound". */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String label() {
        return this == OUTBOUND ? "Outbound" : "Inbound";
    }
}
