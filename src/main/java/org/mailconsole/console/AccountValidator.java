package org.mailconsole.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mailconsole.model.AccountField;
import org.mailconsole.model.AccountSecret;
import org.mailconsole.model.Authentication;
import org.mailconsole.model.Certificates;
import org.mailconsole.model.ConnectionSecurity;
import org.mailconsole.model.EmailAccount;
import org.mailconsole.model.FieldError;
import org.mailconsole.model.FieldLimits;
import org.mailconsole.model.GraphClient;
import org.mailconsole.model.HostNames;
import org.mailconsole.model.MaxConnections;
import org.mailconsole.model.OAuth2Client;
import org.mailconsole.model.PropertyType;
import org.mailconsole.model.Protocol;
import org.mailconsole.model.RateLimits;
import org.mailconsole.model.WireText;

/** Checks every field of an account (email-model.md section 2) and builds the account to save. */
final class AccountValidator {
    static final int MAX_NAME = FieldLimits.ACCOUNT_NAME;
    static final int MAX_TEXT = FieldLimits.ADDRESS;
    static final int MAX_SECRET = FieldLimits.SECRET;
    static final int MAX_URL = FieldLimits.URL;
    static final int MAX_PEM = FieldLimits.PEM;

    private final List<FieldError> errors = new ArrayList<>();

    private AccountValidator() {
    }

    /**
     * @param existing the stored account when editing, else null (its id, version, provisioned flag and
     *                 secret flags carry over)
     * @throws ValidationException with one entry per bad field
     */
    static EmailAccount check(AccountInput input, EmailAccount existing) {
        return new AccountValidator().build(input, existing);
    }

    private EmailAccount build(AccountInput in, EmailAccount existing) {
        String name = text("name", in.get(AccountField.NAME), MAX_NAME, true);
        Protocol type = choice("type", in.get(AccountField.TYPE), Protocol.class);
        if (type == Protocol.GRAPH) {
            return buildGraph(in, existing, name);
        }
        Authentication authentication = choice("authentication", in.get(AccountField.AUTHENTICATION),
                Authentication.class);
        ConnectionSecurity security = choice("security", in.get(AccountField.SECURITY), ConnectionSecurity.class);
        if (authentication == Authentication.NONE && type != null && type != Protocol.SMTP) {
            errors.add(new FieldError("authentication", "must be password or oauth2: POP3 and IMAP servers need a login"));
        }
        String server = text("server", in.get(AccountField.SERVER), FieldLimits.HOST, true);
        if (server != null) {
            String problem = HostNames.check(server);
            if (problem != null) {
                errors.add(new FieldError("server", problem));
            }
        }
        Integer port = port(in.get(AccountField.PORT));
        String userName = text("userName", in.get(AccountField.USER_NAME), MAX_TEXT, authentication != null
                && authentication != Authentication.NONE);
        if (userName == null && authentication != null && authentication != Authentication.NONE
                && errors.stream().noneMatch(e -> e.field().equals("userName"))) {
            errors.add(new FieldError("userName", "is required"));
        }
        String fromAddress = text("fromAddress", in.get(AccountField.FROM_ADDRESS), MAX_TEXT, false);
        String displayName = text("displayName", in.get(AccountField.DISPLAY_NAME), FieldLimits.DISPLAY_NAME, false);
        String folder = text("folder", in.get(AccountField.FOLDER), FieldLimits.FOLDER, false);
        if (type != null && type != Protocol.SMTP) {
            onlyFor("fromAddress", fromAddress, "SMTP");
            onlyFor("displayName", displayName, "SMTP");
            fromAddress = null;
            displayName = null;
        } else if (fromAddress != null) {
            String problem = PropertyType.checkAddress(fromAddress);
            if (problem != null) {
                errors.add(new FieldError("fromAddress", problem));
            }
        }
        if (type != null && type != Protocol.IMAP) {
            onlyFor("folder", folder, "IMAP");
            folder = null;
        } else if (type == Protocol.IMAP && folder == null) {
            folder = EmailAccount.DEFAULT_FOLDER;
        }
        Long filterId = filterId(in.get(AccountField.ADDRESS_FILTER_ID));
        int maxConnections = maxConnections(in.get(AccountField.MAX_CONNECTIONS), existing);
        RateLimits limits = rateLimits(in, existing);
        Long fallback = fallbackAccountId(in.get(AccountField.FALLBACK_ACCOUNT_ID), existing);
        if (type != null && !type.outbound() && fallback != null) {
            errors.add(new FieldError(AccountField.FALLBACK_ACCOUNT_ID.field(), "is only for outbound accounts "
                    + "(SMTP or Microsoft Graph)"));
        }
        checkSecretLengths(in);
        graphOnly(in);
        if (authentication == Authentication.PASSWORD && !willBeSet(in, existing, AccountSecret.PASSWORD)) {
            errors.add(new FieldError("password", "is required for Password authentication"));
        }
        OAuth2Client oauth2 = OAuth2Client.NONE;
        String tokenUrl = text("oauth2.tokenUrl", in.get(AccountField.TOKEN_URL), MAX_URL, false);
        String clientId = text("oauth2.clientId", in.get(AccountField.CLIENT_ID), FieldLimits.CLIENT_ID, false);
        String scope = text("oauth2.scope", in.get(AccountField.SCOPE), FieldLimits.SCOPE, false);
        if (authentication == Authentication.OAUTH2) {
            if (tokenUrl == null) {
                errors.add(new FieldError("oauth2.tokenUrl", "is required for OAuth 2.0"));
            } else {
                checkUrl(tokenUrl);
            }
            if (clientId == null) {
                errors.add(new FieldError("oauth2.clientId", "is required for OAuth 2.0"));
            }
            if (!willBeSet(in, existing, AccountSecret.CLIENT_SECRET)) {
                errors.add(new FieldError("oauth2.clientSecret", "is required for OAuth 2.0"));
            }
            oauth2 = new OAuth2Client(tokenUrl, clientId, scope);
        }
        String pemInput = in.get(AccountField.TRUSTED_CERTIFICATES);
        String pem = pemInput == null || pemInput.isBlank() ? null : pemInput.trim();
        if (pem != null) {
            if (pem.length() > MAX_PEM) {
                errors.add(new FieldError("trustedCertificates", "is too long (at most " + MAX_PEM + " characters)"));
            } else {
                String problem = Certificates.check(pem);
                if (problem != null) {
                    errors.add(new FieldError("trustedCertificates", problem));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        EmailAccount.Builder account = (existing == null ? EmailAccount.builder() : existing.toBuilder())
                .name(name).type(type).authentication(authentication).server(server).port(port).security(security)
                .userName(userName).fromAddress(fromAddress).displayName(displayName).folder(folder)
                .addressFilterId(filterId).active(Boolean.TRUE.equals(in.flag(AccountField.ACTIVE)))
                .debugLogging(Boolean.TRUE.equals(in.flag(AccountField.DEBUG_LOGGING))).maxConnections(maxConnections)
                .messagesPerMinute(limits.messagesPerMinute()).recipientsPerDay(limits.recipientsPerDay())
                .fallbackAccountId(fallback).tokenUrl(oauth2.tokenUrl()).clientId(oauth2.clientId()).scope(oauth2.scope()).trustedCertificates(pem);
        for (AccountSecret secret : AccountSecret.values()) {
            account.secretSet(secret, willBeSet(in, existing, secret));
        }
        return account.build();
    }

    private void checkSecretLengths(AccountInput in) {
        for (var secret : in.secrets().entrySet()) {
            int max = secret.getKey().maxLength();
            boolean pem = max != MAX_SECRET; // a PEM has lines; it never goes on a mail protocol's wire
            if (secret.getValue() != null && secret.getValue().length() > max) {
                errors.add(new FieldError(secret.getKey().field(), "is too long (at most " + max + " characters)"));
            } else if (!pem && WireText.check(secret.getValue()) != null) {
                errors.add(new FieldError(secret.getKey().field(), WireText.PROBLEM));
            }
        }
    }

    /** Graph settings given for another type are refused, not silently dropped. */
    private void graphOnly(AccountInput in) {
        for (AccountField field : GraphAccountRules.FIELDS) {
            String value = in.get(field);
            if (value != null && !value.isBlank()) {
                errors.add(new FieldError(field.field(), "is only for Microsoft Graph accounts"));
            }
        }
        for (AccountSecret secret : List.of(AccountSecret.GRAPH_CLIENT_SECRET, AccountSecret.GRAPH_CERTIFICATE,
                AccountSecret.GRAPH_PRIVATE_KEY)) {
            String value = in.secrets().get(secret);
            if (value != null && !value.isEmpty()) {
                errors.add(new FieldError(secret.field(), "is only for Microsoft Graph accounts"));
            }
        }
    }

    /**
     * A Microsoft Graph account (email-model.md section 8): no server, port, security, authentication
     * or user name; its own settings and a client secret or a certificate with its key.
     */
    private EmailAccount buildGraph(AccountInput in, EmailAccount existing, String name) {
        // authentication and security are choices a form without script always posts: ignored, not refused
        for (AccountField field : List.of(AccountField.SERVER, AccountField.PORT,
                AccountField.USER_NAME, AccountField.FOLDER, AccountField.TOKEN_URL,
                AccountField.CLIENT_ID, AccountField.SCOPE, AccountField.TRUSTED_CERTIFICATES)) {
            String value = in.get(field);
            if (value != null && !value.isBlank() && !(field == AccountField.FOLDER
                    && value.trim().equals(EmailAccount.DEFAULT_FOLDER))) {
                errors.add(new FieldError(field.field(), "is not used by a Microsoft Graph account (it sends over "
                        + "https to the Graph endpoint)"));
            }
        }
        for (AccountSecret secret : List.of(AccountSecret.PASSWORD, AccountSecret.CLIENT_SECRET,
                AccountSecret.REFRESH_TOKEN)) {
            String value = in.secrets().get(secret);
            if (value != null && !value.isEmpty()) {
                errors.add(new FieldError(secret.field(), "is not used by a Microsoft Graph account"));
            }
        }
        checkSecretLengths(in);
        String fromAddress = text("fromAddress", in.get(AccountField.FROM_ADDRESS), MAX_TEXT, false);
        if (fromAddress != null) {
            String problem = PropertyType.checkAddress(fromAddress);
            if (problem != null) {
                errors.add(new FieldError("fromAddress", problem));
            }
        }
        String displayName = text("displayName", in.get(AccountField.DISPLAY_NAME), FieldLimits.DISPLAY_NAME, false);
        Long filterId = filterId(in.get(AccountField.ADDRESS_FILTER_ID));
        int maxConnections = maxConnections(in.get(AccountField.MAX_CONNECTIONS), existing);
        Long fallback = fallbackAccountId(in.get(AccountField.FALLBACK_ACCOUNT_ID), existing);
        GraphClient graph = new GraphAccountRules(errors).check(in, existing);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        EmailAccount.Builder account = (existing == null ? EmailAccount.builder() : existing.toBuilder())
                .name(name).type(Protocol.GRAPH).authentication(null).server(null).port(null).security(null)
                .userName(null).fromAddress(fromAddress).displayName(displayName).folder(null)
                .addressFilterId(filterId).active(Boolean.TRUE.equals(in.flag(AccountField.ACTIVE)))
                .debugLogging(Boolean.TRUE.equals(in.flag(AccountField.DEBUG_LOGGING))).maxConnections(maxConnections)
                .fallbackAccountId(fallback).tokenUrl(null).clientId(null).scope(null).trustedCertificates(null).graph(graph);
        for (AccountSecret secret : AccountSecret.values()) {
            account.secretSet(secret, willBeSet(in, existing, secret));
        }
        return account.build();
    }

    static boolean willBeSet(AccountInput in, EmailAccount existing, AccountSecret secret) {
        if (in.secrets().containsKey(secret)) {
            String value = in.secrets().get(secret);
            return value != null && !value.isEmpty();
        }
        return existing != null && existing.secretSet(secret);
    }

    private String text(String field, String value, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.add(new FieldError(field, "is required"));
            }
            return null;
        }
        String trimmed = value.trim();
        if (trimmed.length() > max) {
            errors.add(new FieldError(field, "is too long (at most " + max + " characters)"));
            return null;
        }
        if (WireText.check(trimmed) != null) {
            errors.add(new FieldError(field, WireText.PROBLEM));
            return null;
        }
        return trimmed;
    }

    private <E extends Enum<E>> E choice(String field, String value, Class<E> kind) {
        List<String> names = new ArrayList<>();
        for (E constant : kind.getEnumConstants()) {
            names.add(constant.name().toLowerCase(Locale.ROOT));
        }
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required: one of " + String.join(", ", names)));
            return null;
        }
        for (E constant : kind.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value.trim())) {
                return constant;
            }
        }
        errors.add(new FieldError(field, "must be one of " + String.join(", ", names)));
        return null;
    }

    private Integer port(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Integer port = PropertyType.port(value.trim());
        if (port == null) {
            errors.add(new FieldError("port", PropertyType.PORT_RULE + " (blank: the usual port)"));
        }
        return port;
    }

    /** Connections: absent or blank keeps the stored value (scripts written before the setting keep working). */
    private int maxConnections(String value, EmailAccount existing) {
        int kept = existing == null ? MaxConnections.DEFAULT : existing.maxConnections();
        if (value == null || value.isBlank()) {
            return kept;
        }
        Integer parsed = MaxConnections.parse(value);
        if (parsed == null) {
            errors.add(new FieldError(AccountField.MAX_CONNECTIONS.field(), MaxConnections.RULE));
            return kept;
        }
        return parsed;
    }

    /**
     * Messages per minute and recipients per day: absent keeps the stored value (scripts written
     * before them keep working); blank (or JSON null) is no limit.
     */
    private RateLimits rateLimits(AccountInput in, EmailAccount existing) {
        RateLimits kept = existing == null ? RateLimits.NONE : existing.rateLimits();
        return new RateLimits(
                limit(in.get(AccountField.MESSAGES_PER_MINUTE), kept.messagesPerMinute(), AccountField.MESSAGES_PER_MINUTE,
                        RateLimits.MAX_MESSAGES_PER_MINUTE, RateLimits.MESSAGES_RULE),
                limit(in.get(AccountField.RECIPIENTS_PER_DAY), kept.recipientsPerDay(), AccountField.RECIPIENTS_PER_DAY,
                        RateLimits.MAX_RECIPIENTS_PER_DAY, RateLimits.RECIPIENTS_RULE));
    }

    private Integer limit(String value, Integer kept, AccountField field, int max, String rule) {
        if (value == null) {
            return kept;
        }
        try {
            return RateLimits.parse(value, max);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field.field(), rule));
            return kept;
        }
    }

    /** Checks only the delivery settings a built-in account may change; the stored values when absent. */
    static EmailAccount.Builder checkDeliverySettings(AccountInput in, EmailAccount existing) {
        AccountValidator validator = new AccountValidator();
        int connections = validator.maxConnections(in.get(AccountField.MAX_CONNECTIONS), existing);
        RateLimits limits = validator.rateLimits(in, existing);
        Long fallback = validator.fallbackAccountId(in.get(AccountField.FALLBACK_ACCOUNT_ID), existing);
        if (!validator.errors.isEmpty()) {
            throw new ValidationException(validator.errors);
        }
        return existing.toBuilder().maxConnections(connections).messagesPerMinute(limits.messagesPerMinute())
                .recipientsPerDay(limits.recipientsPerDay()).fallbackAccountId(fallback);
    }

    /**
     * Fallback account (section 7.3): absent keeps the stored value (scripts written before it keep
     * working); blank (or JSON null) is none. That it names another stored outbound account is
     * checked in the write's transaction (the store), where a concurrent delete is seen.
     */
    private Long fallbackAccountId(String value, EmailAccount existing) {
        if (value == null) {
            return existing == null ? null : existing.fallbackAccountId();
        }
        if (value.isBlank()) {
            return null;
        }
        try {
            long id = Long.parseLong(value.trim());
            if (existing != null && existing.id() != null && id == existing.id()) {
                errors.add(new FieldError(AccountField.FALLBACK_ACCOUNT_ID.field(), "cannot be the account itself"));
                return null;
            }
            if (id >= 1) {
                return id;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        errors.add(new FieldError(AccountField.FALLBACK_ACCOUNT_ID.field(), "must be the id of another outbound "
                + "account (blank: none)"));
        return null;
    }

    Long filterId(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long id = Long.parseLong(value.trim());
            if (id >= 1) {
                return id;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        errors.add(new FieldError("addressFilterId", "must be the id of a system address filter (blank: the default)"));
        return null;
    }

    private void onlyFor(String field, String value, String type) {
        if (value != null && !(field.equals("folder") && value.equals(EmailAccount.DEFAULT_FOLDER))) {
            errors.add(new FieldError(field, "is only for " + type + " accounts"));
        }
    }

    private void checkUrl(String url) {
        String problem = org.mailconsole.model.TokenEndpointUrl.check(url);
        if (problem != null) {
            errors.add(new FieldError("oauth2.tokenUrl", problem));
        }
    }
}
