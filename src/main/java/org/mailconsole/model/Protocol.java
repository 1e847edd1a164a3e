package org.mailconsole.model;

import java.util.Locale;

/**
 * The protocols an account speaks. SMTP and GRAPH (Microsoft Graph's sendMail over https,
 * email-model.md section 8) send; POP3 and IMAP receive.
 */
public enum Protocol {
    SMTP(25, 587, 465),
    POP3(110, 110, 995),
    IMAP(143, 143, 993),
    GRAPH(443, 443, 443);

    private final int plainPort;
    private final int startTlsPort;
    private final int sslPort;

    Protocol(int plainPort, int startTlsPort, int sslPort) {
        this.plainPort = plainPort;
        this.startTlsPort = startTlsPort;
        this.sslPort = sslPort;
    }

    /** The usual port for this protocol with that security (email-model.md section 2). */
    public int defaultPort(ConnectionSecurity security) {
        return switch (security) {
            case NONE -> plainPort;
            case STARTTLS -> startTlsPort;
            case SSL -> sslPort;
        };
    }

    public boolean outbound() {
        return this == SMTP || this == GRAPH;
    }

    /** The outbound types, as stored in email_account.account_type (the one-active rule covers them all). */
    public static final String OUTBOUND_SQL_LIST = "'SMTP', 'GRAPH'";

    /** The jakarta.mail protocol name: smtp, pop3, imap. */
    public String mailName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
