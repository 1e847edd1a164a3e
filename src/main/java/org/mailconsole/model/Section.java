package org.mailconsole.model;

/** The sections of System Properties > Email, in page order. */
public enum Section {
    OUTGOING_SERVER("Outgoing (SMTP) mail server"),
    OUTBOUND("Outbound email configuration"),
    INCOMING_SERVER("Incoming (POP3) mail server");

    private final String title;

    Section(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
