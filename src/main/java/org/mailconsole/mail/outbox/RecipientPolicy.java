package org.mailconsole.mail.outbox;

import jakarta.mail.Address;
import jakarta.mail.internet.InternetAddress;
import java.util.List;
import org.mailconsole.mail.filter.FilterOutcome;
import org.mailconsole.mail.filter.RecipientFilter;
import org.mailconsole.mail.live.OutboundConfig;
import org.mailconsole.mail.live.SendPolicy;
import org.mailconsole.model.emaillog.RecipientNote;

/**
 * Who a message goes to under the configuration in effect: the test address replaces the
 * recipients, then the system address filter in effect removes those it blocks (never the test
 * address). Applied when a message is handed over (to the app's recipients) and again at every
 * delivery (to the recipients it was handed over with), so it only narrows: a message handed over
 * under a test address never reaches its original recipients, and one handed over before a test
 * address was set goes to the test address.
 */
final class RecipientPolicy {
    /**
     * @param kept    the recipients to send to
     * @param blocked the recipients the filter removed, each with the filter's name and reason
     * @param filter  what removed them, for a log line; null when nothing did
     */
    record Applied(List<String> kept, List<RecipientNote> blocked, FilterOutcome filter) {
        /** Why nothing is left to send to, or null when something is. */
        String nothingLeftReason() {
            if (!kept.isEmpty()) {
                return null;
            }
            return filter != null && filter.nothingLeft() ? filter.skipReason() : "no recipient left";
        }
    }

    private RecipientPolicy() {
    }

    static Applied apply(List<String> recipients, OutboundConfig outbound) {
        List<String> actual = SendPolicy.actualRecipients(recipients, outbound);
        FilterOutcome filtered = RecipientFilter.apply(outbound.addressFilter(), addresses(actual),
                outbound.testRecipients());
        List<String> kept = filtered.kept().stream().map(RecipientPolicy::addressOf).toList();
        List<RecipientNote> blocked = filtered.blocked().stream()
                .map(b -> new RecipientNote(b.address(), "blocked by the system address filter \""
                        + b.filterName() + "\": " + b.reason()))
                .toList();
        return new Applied(kept, blocked, blocked.isEmpty() ? null : filtered);
    }

    private static Address[] addresses(List<String> recipients) {
        Address[] addresses = new Address[recipients.size()];
        for (int i = 0; i < addresses.length; i++) {
            InternetAddress address = new InternetAddress();
            address.setAddress(recipients.get(i));
            addresses[i] = address;
        }
        return addresses;
    }

    /** The address alone (no personal name), as the log and the relay's refusals name it. */
    static String addressOf(Address address) {
        return address instanceof InternetAddress internet ? internet.getAddress() : address.toString();
    }
}
