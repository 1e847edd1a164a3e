package org.mailconsole.model.filter;

import java.util.List;

/**
 * One allow or deny list of a system address filter (email-model.md section 3). It matches an
 * address whose domain matches one of {@code domains} unless the address matches one of
 * {@code exceptions}. Patterns are stored trimmed and lower-case (see {@link AddressPatterns}).
 *
 * @param domains    {@code corp.example}, {@code *.example.com} (every subdomain), {@code *} (every domain)
 * @param exceptions single addresses, {@code *} matching any run of characters ({@code *-noreply@corp.example})
 */
public record AddressList(ListType type, List<String> domains, List<String> exceptions) {
    public AddressList {
        domains = domains == null ? List.of() : List.copyOf(domains);
        exceptions = exceptions == null ? List.of() : List.copyOf(exceptions);
    }

    /** "deny *.blocked.example except ceo@x.blocked.example", for reasons and logs. */
    public String describe() {
        String text = type.code() + " " + (domains.isEmpty() ? "(no domain)" : String.join(", ", domains));
        return exceptions.isEmpty() ? text : text + " except " + String.join(", ", exceptions);
    }
}
