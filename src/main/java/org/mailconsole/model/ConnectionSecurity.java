package org.mailconsole.model;

import java.util.Locale;

/** How a connection is protected: none, STARTTLS (required, never a silent fallback), or SSL/TLS from the start. */
public enum ConnectionSecurity {
    NONE, STARTTLS, SSL;

    /** The API/property spelling: none, starttls, ssl. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ConnectionSecurity fromApiName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
