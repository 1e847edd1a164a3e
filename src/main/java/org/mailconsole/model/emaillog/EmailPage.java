package org.mailconsole.model.emaillog;

import java.util.List;

/** One page of a mailbox (or of a search), newest first, with the number of entries in all pages. */
public record EmailPage(long total, int page, int size, List<EmailEntry> emails) {
    public EmailPage {
        emails = List.copyOf(emails);
    }
}
