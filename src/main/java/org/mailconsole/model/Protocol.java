package org.mailconsole.model;

import java.util.Locale;

/** The mail protocols an account speaks. SMTP sends; POP3 and IMAP receive. */
public enum Protocol {
    SMTP(25, 587, 465),
    POP3(110, 110, 995),
    IMAP(143, 143, 993);

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
        return this == SMTP;
    }

    /** The jakarta.mail protocol name: smtp, pop3, imap. */
    public String mailName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
