package org.mailconsole.model.filter;

import java.util.Locale;

/** An address list either lets the addresses it matches through or blocks them. */
public enum ListType {
    ALLOW, DENY;

    /** The API's spelling: "allow", "deny". */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
