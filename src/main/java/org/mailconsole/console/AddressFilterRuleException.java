package org.mailconsole.console;

/**
 * A save that would break a rule of the system address filters (a second default of a direction, a
 * duplicate name, a filter still named by an account); nothing was written.
 */
public final class AddressFilterRuleException extends RuntimeException {
    private final String field;

    public AddressFilterRuleException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The field of the broken rule ("isDefault", "name", "id"). */
    public String field() {
        return field;
    }
}
