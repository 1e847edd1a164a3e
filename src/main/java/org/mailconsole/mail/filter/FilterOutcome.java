package org.mailconsole.mail.filter;

import jakarta.mail.Address;
import java.util.List;
import org.mailconsole.model.filter.AddressFilter;

/**
 * What the filter in effect did to one message's recipients.
 *
 * @param filter  the filter in effect, or null when none applies (then nothing is blocked)
 * @param kept    the recipients to send to, in their order
 * @param blocked the recipients dropped, with the filter and the reason
 */
public record FilterOutcome(AddressFilter filter, List<Address> kept, List<BlockedRecipient> blocked) {
    public FilterOutcome {
        kept = List.copyOf(kept);
        blocked = List.copyOf(blocked);
    }

    /** Every recipient was blocked: the message must not be sent. */
    public boolean nothingLeft() {
        return kept.isEmpty() && !blocked.isEmpty();
    }

    /** "every recipient was blocked by the system address filter \"Name\"", for the log and the Skipped reason. */
    public String skipReason() {
        return "every recipient was blocked by the system address filter \"" + (filter == null ? "" : filter.name()) + "\"";
    }
}
