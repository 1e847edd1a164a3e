package org.mailconsole.web.pages;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.mailconsole.model.AccountField;
import org.mailconsole.model.AccountSecret;
import org.mailconsole.model.ConnectionSecurity;
import org.mailconsole.model.EmailAccount;
import org.mailconsole.model.FieldError;
import org.mailconsole.model.Protocol;

/**
 * The template model of the account form: the stored account or, after a refused save, what the
 * admin typed (never a secret), with one message per bad field.
 */
final class AccountFormPage {
    private AccountFormPage() {
    }

    /**
     * @param account the stored account (built-in ones resolved), or null for a new one
     * @param typed   what the admin typed, shown instead of the stored values; empty when showing the stored account
     */
    static Map<String, Object> model(EmailAccount account, Map<String, String> typed, List<FieldError> errors) {
        Map<String, String> values = account == null ? defaults() : values(account);
        values.putAll(typed);
        Map<String, String> errorByField = new LinkedHashMap<>(); // the validator's order: the form's
        errors.forEach(e -> errorByField.merge(e.field(), e.message(), (a, b) -> a + "; " + b));
        List<String> known = Stream.concat(Arrays.stream(AccountField.values()).map(AccountField::field),
                Arrays.stream(AccountSecret.values()).map(AccountSecret::field)).toList();
        Map<String, Object> model = new HashMap<>();
        model.put("isNew", account == null);
        model.put("id", account == null ? "" : account.id().toString());
        model.put("version", account == null ? "0" : String.valueOf(account.version()));
        model.put("provisioned", account != null && account.isProvisioned());
        model.put("title", account == null ? "New email account" : account.name());
        model.put("values", values);
        model.put("active", typed.containsKey("active") ? "true".equals(typed.get("active")) : account != null && account.active());
        model.put("debugLogging", typed.containsKey("debugLogging")
                ? "true".equals(typed.get("debugLogging")) : account != null && account.debugLogging());
        model.put("passwordSet", account != null && account.passwordSet());
        model.put("clientSecretSet", account != null && account.clientSecretSet());
        model.put("refreshTokenSet", account != null && account.refreshTokenSet());
        model.put("graphClientSecretSet", account != null && account.graphClientSecretSet());
        model.put("graphCertificateSet", account != null && account.graphCertificateSet());
        model.put("graphPrivateKeySet", account != null && account.graphPrivateKeySet());
        model.put("graphExpiry", account == null ? "" : org.mailconsole.model.SecretExpiry.warning(account, java.time.LocalDate.now()));
        model.put("errors", errorByField);
        model.put("otherErrors", errors.stream().filter(e -> !known.contains(e.field()))
                .map(e -> e.field() + " " + e.message()).toList());
        model.put("securityNote", SecurityNote.of(values.get("security"), false));
        model.put("portPlaceholder", portPlaceholder(values.get("type"), values.get("security")));
        model.put("types", options(Map.of("SMTP", "SMTP (sends)", "GRAPH", "Microsoft Graph (sends)", "POP3",
                "POP3 (receives)", "IMAP", "IMAP (receives)"), List.of("SMTP", "GRAPH", "POP3", "IMAP")));
        model.put("authentications", options(Map.of("NONE", "None", "PASSWORD", "Password", "OAUTH2", "OAuth 2.0"),
                List.of("NONE", "PASSWORD", "OAUTH2")));
        model.put("securities", options(Map.of("NONE", "None", "STARTTLS", "STARTTLS", "SSL", "SSL/TLS"),
                List.of("NONE", "STARTTLS", "SSL")));
        model.put("testResult", "");
        model.put("emailResult", "");
        return model;
    }

    static String securityLabel(ConnectionSecurity security) {
        return security == null ? "" : SecurityNote.label(security.name());
    }

    private static String portPlaceholder(String type, String security) {
        try {
            return String.valueOf(Protocol.valueOf(type.toUpperCase(java.util.Locale.ROOT))
                    .defaultPort(ConnectionSecurity.valueOf(security.toUpperCase(java.util.Locale.ROOT))));
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static Map<String, String> defaults() {
        Map<String, String> values = new HashMap<>();
        values.put("type", "SMTP");
        values.put("authentication", "PASSWORD");
        values.put("security", "SSL");
        values.put("folder", EmailAccount.DEFAULT_FOLDER);
        return values;
    }

    private static Map<String, String> values(EmailAccount a) {
        Map<String, String> values = new HashMap<>();
        for (AccountField field : AccountField.values()) {
            if (field.input() != AccountField.Input.FLAG) {
                values.put(field.field(), text(field.text(a)));
            }
        }
        if (a.isProvisioned()) {
            values.put(AccountField.PORT.field(), String.valueOf(a.effectivePort()));
        }
        if (a.folder() == null) {
            values.put(AccountField.FOLDER.field(), EmailAccount.DEFAULT_FOLDER);
        }
        return values;
    }

    private static List<Map<String, String>> options(Map<String, String> labels, List<String> order) {
        return order.stream().map(value -> {
            Map<String, String> option = new LinkedHashMap<>();
            option.put("value", value);
            option.put("label", labels.get(value));
            return option;
        }).toList();
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
