package org.mailconsole.console;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mailconsole.model.AccountField;
import org.mailconsole.model.AccountSecret;

/**
 * An account as typed into the form or sent to the API, not yet checked, by field name. A field is
 * absent (null) when not given; text as given, numbers as text, check boxes "true"/"false".
 * {@code secrets}: a secret that is absent keeps the stored one, a null value clears it, a string sets it.
 */
public record AccountInput(Map<AccountField, String> values, Map<AccountSecret, String> secrets) {

    public AccountInput {
        Map<AccountField, String> copy = new EnumMap<>(AccountField.class);
        copy.putAll(values);
        values = Collections.unmodifiableMap(copy);
        secrets = Collections.unmodifiableMap(new LinkedHashMap<>(secrets));
    }

    /** The value given for a field; null when absent. */
    public String get(AccountField field) {
        return values.get(field);
    }

    /** A check box: null when absent, else whether it is "true". */
    public Boolean flag(AccountField field) {
        String value = values.get(field);
        return value == null ? null : Boolean.valueOf("true".equals(value));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds an input by field name. */
    public static final class Builder {
        private final Map<AccountField, String> values = new EnumMap<>(AccountField.class);
        private final Map<AccountSecret, String> secrets = new LinkedHashMap<>();

        private Builder() {
        }

        /** Sets a field; null leaves it absent. */
        public Builder set(AccountField field, String value) {
            if (value == null) {
                values.remove(field);
            } else {
                values.put(field, value);
            }
            return this;
        }

        /** Sets a check box; null leaves it absent. */
        public Builder set(AccountField field, Boolean value) {
            return set(field, value == null ? null : value.toString());
        }

        /** Sets a secret (a null value clears the stored one). */
        public Builder secret(AccountSecret secret, String value) {
            secrets.put(secret, value);
            return this;
        }

        public AccountInput build() {
            return new AccountInput(values, secrets);
        }
    }

    @Override
    public String toString() {
        return "AccountInput[" + get(AccountField.NAME) + " " + get(AccountField.TYPE) + " "
                + get(AccountField.SERVER) + ":" + get(AccountField.PORT) + "]";
    }
}
