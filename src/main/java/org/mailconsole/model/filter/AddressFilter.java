package org.mailconsole.model.filter;

import java.util.List;

/**
 * A system address filter (email-model.md section 3): a name, a direction, active, the default
 * flag (at most one default per direction) and its ordered allow/deny lists.
 *
 * @param id      null before it is saved
 * @param version for optimistic locking; 0 before it is saved
 */
public record AddressFilter(Long id, String name, FilterDirection direction, boolean active, boolean isDefault,
                            List<AddressList> lists, long version) {
    public AddressFilter {
        lists = lists == null ? List.of() : List.copyOf(lists);
    }
}
