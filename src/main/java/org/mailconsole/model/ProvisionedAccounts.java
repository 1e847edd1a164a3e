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
            case DEFAULT_SMTP -> own(account)
                    .type(Protocol.SMTP)
                    .authentication(properties.flag(SMTP_AUTH) ? Authentication.PASSWORD : Authentication.NONE)
                    .server(properties.text(EMAIL_SERVER))
                    .port(properties.integer(SMTP_PORT))
                    .security(ConnectionSecurity.fromApiName(properties.text(SMTP_ENCRYPTION)))
                    .userName(blankToNull(properties.text(EMAIL_USER)))
                    .fromAddress(blankToNull(properties.text(EMAIL_USER)))
                    .displayName(blankToNull(properties.text(EMAIL_DISPLAY_NAME)))
                    .passwordSet(!properties.get(EMAIL_PASSWORD).isBlank())
                    .build();
            case DEFAULT_POP3 -> {
                String user = blankToNull(properties.text(POP3_USER));
                yield own(account)
                        .type(Protocol.POP3)
                        .authentication(user == null ? Authentication.NONE : Authentication.PASSWORD)
                        .server(properties.text(POP3_SERVER))
                        .port(properties.integer(POP3_PORT))
                        .security(properties.flag(POP3_SECURE) ? ConnectionSecurity.SSL : ConnectionSecurity.NONE)
                        .userName(user)
                        .passwordSet(!properties.get(POP3_PASSWORD).isBlank())
                        .build();
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

    /** What a built-in account keeps of its own row: everything else comes from the properties. */
    private static EmailAccount.Builder own(EmailAccount account) {
        return EmailAccount.builder().id(account.id()).name(account.name()).addressFilterId(account.addressFilterId())
                .active(account.active()).provisioned(account.provisioned()).debugLogging(account.debugLogging())
                .maxConnections(account.maxConnections()).messagesPerMinute(account.messagesPerMinute())
                .recipientsPerDay(account.recipientsPerDay()).fallbackAccountId(account.fallbackAccountId())
                .version(account.version());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
