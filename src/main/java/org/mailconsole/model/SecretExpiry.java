package org.mailconsole.model;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * The warning about a Microsoft Graph account's client secret or certificate that expires soon
 * (email-model.md section 8): from {@link #WARN_DAYS} days before its date, and after it.
 */
public final class SecretExpiry {
    public static final int WARN_DAYS = 30;

    private SecretExpiry() {
    }

    /** The warning for this account on {@code today}; empty when there is none. */
    public static String warning(EmailAccount account, LocalDate today) {
        if (account == null || !account.isGraph() || account.graph().secretExpiresOn() == null) {
            return "";
        }
        LocalDate expires = account.graph().secretExpiresOn();
        long days = ChronoUnit.DAYS.between(today, expires);
        if (days > WARN_DAYS) {
            return "";
        }
        String what = account.graphCertificateSet() ? "certificate" : "client secret";
        String when = days < 0 ? "expired on " + expires : days == 0 ? "expires today (" + expires + ")"
                : "expires in " + days + " day(s), on " + expires;
        return "The " + what + " of \"" + account.name() + "\" " + when + ": add a new one in the app registration "
                + "(Certificates & secrets), save it here with its new expiry date, then remove the old one.";
    }
}
