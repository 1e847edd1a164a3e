package org.mailconsole.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mailconsole.console.AccountInput;
import org.mailconsole.console.ValidationException;
import org.mailconsole.model.AccountField;
import org.mailconsole.model.AccountSecret;
import org.mailconsole.model.FieldError;

/**
 * The body of POST and PUT /api/v1/accounts, read field by field so every mistake (unknown field,
 * wrong type) gets its own message. Read-only fields of GET (id, passwordSet, provisioned, ...)
 * are accepted and ignored, so a client may send back what it read.
 */
record AccountRequest(Long version, AccountInput input) {
    private static final Set<String> READ_ONLY = Set.of("id", "passwordSet", "provisioned");
    private static final Set<String> OAUTH_READ_ONLY = Set.of("clientSecretSet", "refreshTokenSet");
    private static final Set<String> GRAPH_READ_ONLY = Set.of("clientSecretSet", "certificateSet");

    static AccountRequest read(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new ValidationException(List.of(new FieldError("body", "must be a JSON object (an account)")));
        }
        List<FieldError> errors = new ArrayList<>();
        AccountInput.Builder input = AccountInput.builder();
        Long version = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            String name = member.getKey();
            JsonNode value = member.getValue();
            boolean nested = name.startsWith(AccountField.OAUTH2_PREFIX) // only inside "oauth2" or "graph"
                    || name.startsWith(AccountField.GRAPH_PREFIX);
            Optional<AccountField> field = nested ? Optional.empty() : AccountField.find(name);
            Optional<AccountSecret> secret = nested ? Optional.empty() : secret(name);
            if (field.isPresent()) {
                field(errors, input, field.get(), value);
            } else if (secret.isPresent()) {
                secret(errors, input, secret.get(), value);
            } else if (name.equals("version")) {
                version = JsonValues.wholeNumber(errors, "version", value);
            } else if (name.equals("oauth2")) {
                nested(errors, input, value, AccountField.OAUTH2_PREFIX, OAUTH_READ_ONLY,
                        "{tokenUrl, clientId, clientSecret, scope, refreshToken}", "the OAuth 2.0 settings");
            } else if (name.equals("graph")) {
                nested(errors, input, value, AccountField.GRAPH_PREFIX, GRAPH_READ_ONLY, "{tenantId, clientId, "
                        + "clientSecret, certificatePem, privateKeyPem, secretExpiresOn, mailbox, tokenUrl, graphUrl}",
                        "the Microsoft Graph settings");
            } else if (!READ_ONLY.contains(name)) {
                errors.add(new FieldError(name, "is not a field of an email account"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new AccountRequest(version, input.build());
    }

    /** The members of "oauth2" or "graph", named in AccountField and AccountSecret with the object's prefix. */
    private static void nested(List<FieldError> errors, AccountInput.Builder input, JsonNode value, String prefix,
                               Set<String> readOnly, String members, String what) {
        if (value.isNull()) {
            return;
        }
        if (!value.isObject()) {
            errors.add(new FieldError(prefix.substring(0, prefix.length() - 1), "must be an object " + members));
            return;
        }
        value.fields().forEachRemaining(member -> {
            String field = prefix + member.getKey();
            Optional<AccountField> text = AccountField.find(field);
            Optional<AccountSecret> secret = secret(field);
            if (text.isPresent()) {
                field(errors, input, text.get(), member.getValue());
            } else if (secret.isPresent()) {
                secret(errors, input, secret.get(), member.getValue());
            } else if (!readOnly.contains(member.getKey())) {
                errors.add(new FieldError(field, "is not a field of " + what));
            }
        });
    }

    private static void field(List<FieldError> errors, AccountInput.Builder input, AccountField field, JsonNode value) {
        switch (field.input()) {
            case TEXT -> input.set(field, JsonValues.string(errors, field.field(), value));
            case NUMBER -> input.set(field, value.isNull() && (field == AccountField.MESSAGES_PER_MINUTE
                    || field == AccountField.RECIPIENTS_PER_DAY || field == AccountField.FALLBACK_ACCOUNT_ID) ? "" : number(errors, field.field(), value));
            case FLAG -> input.set(field, JsonValues.bool(errors, field.field(), value));
        }
    }

    private static Optional<AccountSecret> secret(String field) {
        return Arrays.stream(AccountSecret.values()).filter(s -> s.field().equals(field)).findFirst();
    }

    /** A secret: a string sets it, null clears it, absence keeps it. */
    private static void secret(List<FieldError> errors, AccountInput.Builder input, AccountSecret secret,
                               JsonNode value) {
        if (value.isNull()) {
            input.secret(secret, null);
        } else if (value.isTextual()) {
            input.secret(secret, value.textValue());
        } else {
            errors.add(new FieldError(secret.field(), "must be a string (or null to clear), not "
                    + JsonValues.kind(value)));
        }
    }

    private static String number(List<FieldError> errors, String field, JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.asText();
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        errors.add(new FieldError(field, "must be a whole number, not " + JsonValues.kind(value)));
        return null;
    }
}
