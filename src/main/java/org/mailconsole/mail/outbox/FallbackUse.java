package org.mailconsole.mail.outbox;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * An outbound account whose messages go through its fallback account now (email-model.md section
 * 7.3), as this node's engine sees it.
 *
 * @param accountId    the account that cannot take messages (the primary)
 * @param accountName  its name
 * @param fallbackId   the fallback account that takes them
 * @param fallbackName its name
 * @param since        when the fallback came into use
 * @param failedAt     when the primary last failed
 * @param failure      how it failed: the named connection failure or the relay's reply
 */
public record FallbackUse(Long accountId, String accountName, Long fallbackId, String fallbackName, Instant since,
                          Instant failedAt, String failure) {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    /** As Diagnostics and the banner say it. */
    public String describe() {
        return "fallback account \"" + fallbackName + "\" in use since " + TIME.format(since) + ": \"" + accountName
                + "\" could not take messages (" + failure + ", at " + TIME.format(failedAt) + ")";
    }
}
