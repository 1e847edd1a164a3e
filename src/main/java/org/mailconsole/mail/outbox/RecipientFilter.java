package org.mailconsole.mail.outbox;

import java.util.List;
import org.mailconsole.mail.live.ConfigSnapshot;
import org.mailconsole.model.emaillog.RecipientNote;

/**
 * The one place where recipients may be dropped before a message is queued (the address filters
 * of email-model.md section 3 plug in here). It sees the recipients after the test address was
 * applied; what it blocks is kept on the log entry with the reason.
 */
public interface RecipientFilter {
    /** Lets every recipient through (no address filters yet). */
    RecipientFilter NONE = (recipients, snapshot) -> new Filtered(recipients, List.of());

    Filtered apply(List<String> recipients, ConfigSnapshot snapshot);

    /** The recipients let through, and those blocked with why. */
    record Filtered(List<String> allowed, List<RecipientNote> blocked) {
        public Filtered {
            allowed = List.copyOf(allowed);
            blocked = List.copyOf(blocked);
        }
    }
}
