package org.mailconsole.store;

/**
 * A system address filter rule was broken (a second default of a direction, a duplicate name, a
 * filter still named by an account); nothing was saved.
 */
public final class FilterRuleException extends RuntimeException {
    private final String field;

    public FilterRuleException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The field of the broken rule ("isDefault", "name", "id"). */
    public String field() {
        return field;
    }
}
