package org.mailconsole.console;

/** A save that would break a rule of the accounts table (second active SMTP account, duplicate name). Nothing was written. */
public class AccountRuleException extends RuntimeException {
    private final String field;

    public AccountRuleException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The field the rule is about. */
    public String field() {
        return field;
    }
}
