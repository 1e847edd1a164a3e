package org.mailconsole.console;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.mailconsole.model.FieldError;
import org.mailconsole.model.filter.AddressFilter;
import org.mailconsole.model.filter.AddressList;
import org.mailconsole.model.filter.AddressPatterns;
import org.mailconsole.model.filter.FilterDirection;
import org.mailconsole.model.filter.ListType;

/**
 * Checks a system address filter as given (email-model.md section 3) and builds the filter to save:
 * a name, a direction, lists of a known type whose domains and exceptions are valid patterns.
 * Patterns are kept trimmed, lower-case and without repeats.
 */
final class AddressFilterValidator {
    static final int MAX_NAME = 100;
    static final int MAX_LISTS = 50;
    static final int MAX_PATTERNS = 1000;

    private final List<FieldError> errors = new ArrayList<>();

    private AddressFilterValidator() {
    }

    /**
     * @param existing the stored filter when editing (its id and version carry over), else null
     * @throws ValidationException one entry per bad field
     */
    static AddressFilter check(AddressFilterInput input, AddressFilter existing, long version) {
        return new AddressFilterValidator().build(input, existing, version);
    }

    private AddressFilter build(AddressFilterInput in, AddressFilter existing, long version) {
        String name = in.name() == null ? "" : in.name().trim();
        if (name.isEmpty()) {
            errors.add(new FieldError("name", "is required"));
        } else if (name.length() > MAX_NAME) {
            errors.add(new FieldError("name", "is too long (at most " + MAX_NAME + " characters)"));
        } else if (name.chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError("name", "must be a single line without control characters"));
        }
        FilterDirection direction = null;
        if (in.direction() == null || in.direction().isBlank()) {
            errors.add(new FieldError("direction", "is required: outbound or inbound"));
        } else {
            try {
                direction = FilterDirection.valueOf(in.direction().trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("direction", "must be outbound or inbound"));
            }
        }
        if (in.lists().size() > MAX_LISTS) {
            errors.add(new FieldError("lists", "has too many lists (at most " + MAX_LISTS + ")"));
        }
        List<AddressList> lists = new ArrayList<>();
        for (int i = 0; i < in.lists().size() && i < MAX_LISTS; i++) {
            AddressFilterInput.ListInput list = in.lists().get(i);
            String field = "lists[" + i + "]";
            ListType type = null;
            if (list.type() == null || list.type().isBlank()) {
                errors.add(new FieldError(field + ".type", "is required: allow or deny"));
            } else {
                try {
                    type = ListType.valueOf(list.type().trim().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    errors.add(new FieldError(field + ".type", "must be allow or deny"));
                }
            }
            List<String> domains = patterns(field + ".domains", list.domains(), AddressPatterns::checkDomain);
            List<String> exceptions = patterns(field + ".exceptions", list.exceptions(), AddressPatterns::checkException);
            if (type != null) {
                lists.add(new AddressList(type, domains, exceptions));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new AddressFilter(existing == null ? null : existing.id(), name, direction,
                in.active() == null || in.active(), Boolean.TRUE.equals(in.isDefault()), lists, version);
    }

    private List<String> patterns(String field, List<String> given, Function<String, String> check) {
        if (given.size() > MAX_PATTERNS) {
            errors.add(new FieldError(field, "has too many entries (at most " + MAX_PATTERNS + ")"));
            return List.of();
        }
        Set<String> kept = new LinkedHashSet<>();
        for (int j = 0; j < given.size(); j++) {
            String pattern = given.get(j);
            if (pattern == null) {
                errors.add(new FieldError(field + "[" + j + "]", "must be a string"));
                continue;
            }
            String problem = check.apply(pattern);
            if (problem != null) {
                errors.add(new FieldError(field + "[" + j + "]", "\"" + pattern.trim() + "\" " + problem));
            } else {
                kept.add(AddressPatterns.normalize(pattern));
            }
        }
        return List.copyOf(kept);
    }
}
