package org.mailconsole.mail.filter;

import jakarta.mail.Address;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.mailconsole.model.filter.AddressFilter;

/**
 * The outbound effect of email-model.md section 3: which of a message's actual recipients (after
 * the test address of glide.email.test.user was applied) the filter in effect lets through.
 * The test address wins: an address of glide.email.test.user is never blocked, so a filter cannot
 * silently swallow the mail an admin redirected to it.
 */
public final class RecipientFilter {
    private RecipientFilter() {
    }

    /**
     * @param filter        the filter in effect ({@link FilterChoice#inEffect}); null: nothing is blocked
     * @param actual        the envelope recipients after the test address
     * @param testAddresses the addresses of glide.email.test.user (empty when it is not set)
     */
    public static FilterOutcome apply(AddressFilter filter, Address[] actual, Collection<String> testAddresses) {
        List<Address> recipients = actual == null ? List.of() : List.of(actual);
        if (filter == null) {
            return new FilterOutcome(null, recipients, List.of());
        }
        Set<String> exempt = testAddresses.stream().map(a -> a.trim().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        List<Address> kept = new ArrayList<>();
        List<BlockedRecipient> blocked = new ArrayList<>();
        for (Address recipient : recipients) {
            String address = recipient instanceof InternetAddress internet ? internet.getAddress() : recipient.toString();
            if (address != null && exempt.contains(address.trim().toLowerCase(Locale.ROOT))) {
                kept.add(recipient);
                continue;
            }
            Verdict verdict = AddressMatcher.check(filter, address);
            if (verdict.allowed()) {
                kept.add(recipient);
            } else {
                blocked.add(new BlockedRecipient(address, filter.id(), filter.name(), verdict.reason()));
            }
        }
        return new FilterOutcome(filter, kept, blocked);
    }
}
