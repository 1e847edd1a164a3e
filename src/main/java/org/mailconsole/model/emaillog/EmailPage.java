package org.mailconsole.model.emaillog;

import java.util.List;

/**
 * One page of a mailbox (or of a search), newest first, with the number of entries in all pages.
 * {@code totalCapped}: a broad search stopped counting, and {@code total} is a lower bound ("10,000+").
 */
public record EmailPage(long total, boolean totalCapped, int page, int size, List<EmailEntry> emails) {
    public EmailPage {
        emails = List.copyOf(emails);
    }

    /** A page whose total is exact. */
    public EmailPage(long total, int page, int size, List<EmailEntry> emails) {
        this(total, false, page, size, emails);
    }
}
