package org.mailconsole.mail.filter;

import java.util.Collection;
import java.util.Optional;
import org.mailconsole.model.filter.AddressFilter;
import org.mailconsole.model.filter.FilterDirection;

/**
 * Which system address filter applies (email-model.md section 3): the one the account in effect
 * names, else the active default filter of the direction; none at all means nothing is blocked.
 * A named filter that is inactive does not act (and the default does not stand in for it).
 */
public final class FilterChoice {
    private FilterChoice() {
    }

    /**
     * @param namedFilterId the account's "System address filter", or null (blank: the default)
     * @param filters       every stored filter
     */
    public static Optional<AddressFilter> inEffect(Long namedFilterId, FilterDirection direction,
                                                   Collection<AddressFilter> filters) {
        if (namedFilterId != null) {
            return filters.stream().filter(f -> namedFilterId.equals(f.id()) && f.active()).findFirst();
        }
        return filters.stream().filter(f -> f.direction() == direction && f.isDefault() && f.active()).findFirst();
    }
}
