package org.mailconsole.model;

import static org.mailconsole.model.PropertyCatalog.EMAIL_DISPLAY_NAME;
import static org.mailconsole.model.PropertyCatalog.EMAIL_PASSWORD;
import static org.mailconsole.model.PropertyCatalog.EMAIL_SERVER;
import static org.mailconsole.model.PropertyCatalog.EMAIL_USER;
import static org.mailconsole.model.PropertyCatalog.POP3_PASSWORD;
import static org.mailconsole.model.PropertyCatalog.POP3_PORT;
import static org.mailconsole.model.PropertyCatalog.POP3_SECURE;
import static org.mailconsole.model.PropertyCatalog.POP3_SERVER;
import static org.mailconsole.model.PropertyCatalog.POP3_USER;
import static org.mailconsole.model.PropertyCatalog.SMTP_AUTH;
import static org.mailconsole.model.PropertyCatalog.SMTP_ENCRYPTION;
import static org.mailconsole.model.PropertyCatalog.SMTP_PORT;

/**
 * The two built-in accounts take their connection values from System Properties > Email
 * (email-model.md section 2): this fills them in, so that lists, forms and connections see
 * the values in force.
 */
public final class ProvisionedAccounts {
    private ProvisionedAccounts() {
    }

    /** The account with its connection values from the properties; an admin's account unchanged. */
    public static EmailAccount resolve(EffectiveProperties properties, EmailAccount account) {
        if (account.provisioned() == null) {
            return account;
        }
        return switch (account.provisioned()) {
            case DEFAULT_SMTP -> {
                boolean auth = properties.flag(SMTP_AUTH);
                yield new EmailAccount(account.id(), account.name(), Protocol.SMTP,
                        auth ? Authentication.PASSWORD : Authentication.NONE,
                        properties.text(EMAIL_SERVER), properties.integer(SMTP_PORT),
                        ConnectionSecurity.fromApiName(properties.text(SMTP_ENCRYPTION)),
                        blankToNull(properties.text(EMAIL_USER)), blankToNull(properties.text(EMAIL_USER)),
                        blankToNull(properties.text(EMAIL_DISPLAY_NAME)), null, account.addressFilterId(),
                        account.active(), account.provisioned(), account.debugLogging(), OAuth2Client.NONE, null,
                        !properties.get(EMAIL_PASSWORD).isBlank(), false, false, account.version());
            }
            case DEFAULT_POP3 -> {
                String user = blankToNull(properties.text(POP3_USER));
                yield new EmailAccount(account.id(), account.name(), Protocol.POP3,
                        user == null ? Authentication.NONE : Authentication.PASSWORD,
                        properties.text(POP3_SERVER), properties.integer(POP3_PORT),
                        properties.flag(POP3_SECURE) ? ConnectionSecurity.SSL : ConnectionSecurity.NONE,
                        user, null, null, null, account.addressFilterId(), account.active(),
                        account.provisioned(), account.debugLogging(), OAuth2Client.NONE, null,
                        !properties.get(POP3_PASSWORD).isBlank(), false, false, account.version());
            }
        };
    }

    /** The password of a built-in account (from the properties); null for an admin's account. */
    public static String password(EffectiveProperties properties, EmailAccount account) {
        if (account.provisioned() == null) {
            return null;
        }
        String value = switch (account.provisioned()) {
            case DEFAULT_SMTP -> properties.text(EMAIL_PASSWORD);
            case DEFAULT_POP3 -> properties.text(POP3_PASSWORD);
        };
        return blankToNull(value);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
