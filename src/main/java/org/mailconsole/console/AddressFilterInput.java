package org.mailconsole.console;

import java.util.List;

/**
 * A system address filter as sent to the API or typed into the form, not yet checked.
 *
 * @param active    null: true (a new filter acts unless told otherwise)
 * @param isDefault null: false
 * @param lists     in order; null: none
 */
public record AddressFilterInput(String name, String direction, Boolean active, Boolean isDefault,
                                 List<ListInput> lists) {
    public AddressFilterInput {
        lists = lists == null ? List.of() : List.copyOf(lists);
    }

    /** One allow/deny list as given; null patterns stand for members that were not strings. */
    public record ListInput(String type, List<String> domains, List<String> exceptions) {
        public ListInput {
            domains = domains == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(domains));
            exceptions = exceptions == null ? List.of()
                    : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(exceptions));
        }
    }
}
