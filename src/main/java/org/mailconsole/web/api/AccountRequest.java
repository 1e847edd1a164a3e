package org.mailconsole.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mailconsole.console.AccountInput;
import org.mailconsole.console.ValidationException;
import org.mailconsole.model.AccountSecret;
import org.mailconsole.model.FieldError;

/**
 * The body of POST and PUT /api/v1/accounts, read field by field so every mistake (unknown field,
 * wrong type) gets its own message. Read-only fields of GET (id, passwordSet, provisioned, ...)
 * are accepted and ignored, so a client may send back what it read.
 */
record AccountRequest(Long version, AccountInput input) {
    private static final Set<String> TEXT = Set.of("name", "type", "authentication", "server", "security",
            "userName", "fromAddress", "displayName", "folder", "trustedCertificates");
    private static final Set<String> READ_ONLY = Set.of("id", "passwordSet", "provisioned");
    private static final Set<String> OAUTH_TEXT = Set.of("tokenUrl", "clientId", "scope");
    private static final Set<String> OAUTH_READ_ONLY = Set.of("clientSecretSet", "refreshTokenSet");

    static AccountRequest read(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new ValidationException(List.of(new FieldError("body", "must be a JSON object (an account)")));
        }
        List<FieldError> errors = new ArrayList<>();
        Map<String, String> text = new LinkedHashMap<>();
        Map<AccountSecret, String> secrets = new LinkedHashMap<>();
        Boolean[] flags = new Boolean[2];
        Long version = null;
        String port = null;
        String filterId = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            String name = member.getKey();
            JsonNode value = member.getValue();
            if (TEXT.contains(name)) {
                text.put(name, string(errors, name, value));
            } else if (name.equals("password")) {
                secret(errors, secrets, AccountSecret.PASSWORD, value);
            } else if (name.equals("port")) {
                port = number(errors, name, value);
            } else if (name.equals("addressFilterId")) {
                filterId = number(errors, name, value);
            } else if (name.equals("active")) {
                flags[0] = bool(errors, name, value);
            } else if (name.equals("debugLogging")) {
                flags[1] = bool(errors, name, value);
            } else if (name.equals("version")) {
                if (value.isNull()) {
                    continue;
                }
                if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                    errors.add(new FieldError("version", "must be a whole number"));
                } else {
                    version = value.asLong();
                }
            } else if (name.equals("oauth2")) {
                oauth2(errors, text, secrets, value);
            } else if (!READ_ONLY.contains(name)) {
                errors.add(new FieldError(name, "is not a field of an email account"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new AccountRequest(version, new AccountInput(text.get("name"), text.get("type"),
                text.get("authentication"), text.get("server"), port, text.get("security"), text.get("userName"),
                text.get("fromAddress"), text.get("displayName"), text.get("folder"), filterId, flags[0], flags[1],
                text.get("oauth2.tokenUrl"), text.get("oauth2.clientId"), text.get("oauth2.scope"),
                text.get("trustedCertificates"), secrets));
    }

    private static void oauth2(List<FieldError> errors, Map<String, String> text, Map<AccountSecret, String> secrets,
                               JsonNode value) {
        if (value.isNull()) {
            return;
        }
        if (!value.isObject()) {
            errors.add(new FieldError("oauth2", "must be an object {tokenUrl, clientId, clientSecret, scope, refreshToken}"));
            return;
        }
        value.fields().forEachRemaining(member -> {
            String name = member.getKey();
            String field = "oauth2." + name;
            if (OAUTH_TEXT.contains(name)) {
                text.put(field, string(errors, field, member.getValue()));
            } else if (name.equals("clientSecret")) {
                secret(errors, secrets, AccountSecret.CLIENT_SECRET, member.getValue());
            } else if (name.equals("refreshToken")) {
                secret(errors, secrets, AccountSecret.REFRESH_TOKEN, member.getValue());
            } else if (!OAUTH_READ_ONLY.contains(name)) {
                errors.add(new FieldError(field, "is not a field of the OAuth 2.0 settings"));
            }
        });
    }

    private static String string(List<FieldError> errors, String field, JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            errors.add(new FieldError(field, "must be a string, not " + kind(value)));
            return null;
        }
        return value.textValue();
    }

    /** A secret: a string sets it, null clears it, absence keeps it. */
    private static void secret(List<FieldError> errors, Map<AccountSecret, String> secrets, AccountSecret secret,
                               JsonNode value) {
        if (value.isNull()) {
            secrets.put(secret, null);
        } else if (value.isTextual()) {
            secrets.put(secret, value.textValue());
        } else {
            errors.add(new FieldError(secret.field(), "must be a string (or null to clear), not " + kind(value)));
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
        errors.add(new FieldError(field, "must be a whole number, not " + kind(value)));
        return null;
    }

    private static Boolean bool(List<FieldError> errors, String field, JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            errors.add(new FieldError(field, "must be true or false, not " + kind(value)));
            return null;
        }
        return value.booleanValue();
    }

    private static String kind(JsonNode value) {
        return value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
