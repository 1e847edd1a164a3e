package org.mailconsole.mail.live;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.mailconsole.model.AccountSecrets;
import org.mailconsole.model.Authentication;
import org.mailconsole.model.Certificates;
import org.mailconsole.model.EffectiveProperties;
import org.mailconsole.model.EmailAccount;
import org.mailconsole.model.PropertyCatalog;
import org.mailconsole.model.ProvisionedAccounts;
import org.mailconsole.mail.connect.ConnectionSettings;

/**
 * The effective configuration of email-model.md section 4, as a pure function of the properties
 * and the accounts: which connection outbound mail uses right now, and which inbound accounts are
 * read. For an OAuth 2.0 account the settings' secret is the stored access token (possibly stale):
 * the caller puts a fresh one in with {@link ConnectionSettings#withSecret(String)}.
 */
public final class ActiveConnections {
    private ActiveConnections() {
    }

    /**
     * One account's connection in force, or why there is none.
     *
     * @param account  the account (built-in ones resolved from the properties); null when there is none
     * @param settings null when nothing may connect; then {@code reason} says why
     */
    public record Effective(EmailAccount account, ConnectionSettings settings, String reason) {
        /** Whether it may send or read now: an SMTP, POP3 or IMAP account with settings, or a Graph account. */
        public boolean usable() {
            return settings != null || (reason == null && account != null && account.isGraph());
        }
    }

    /** The outbound connection: the active SMTP account, unless sending is off or it has no server. */
    public static Effective outbound(EffectiveProperties properties, List<EmailAccount> accounts,
                                     Function<EmailAccount, AccountSecrets> secrets) {
        if (!properties.flag(PropertyCatalog.SENDING_ACTIVE)) {
            return new Effective(null, null, "Email sending is disabled (" + PropertyCatalog.SENDING_ACTIVE + ")");
        }
        for (EmailAccount account : accounts) {
            if (account.active() && account.type().outbound()) {
                return effective(properties, account, secrets);
            }
        }
        return new Effective(null, null, "No SMTP account is active");
    }

    /** The inbound connections: every active POP3/IMAP account, unless receiving is off. */
    public static List<Effective> inbound(EffectiveProperties properties, List<EmailAccount> accounts,
                                          Function<EmailAccount, AccountSecrets> secrets) {
        List<Effective> inbound = new ArrayList<>();
        boolean reading = properties.flag(PropertyCatalog.READING_ACTIVE);
        for (EmailAccount account : accounts) {
            if (account.active() && !account.type().outbound()) {
                inbound.add(reading ? effective(properties, account, secrets)
                        : new Effective(ProvisionedAccounts.resolve(properties, account), null,
                                "Email receiving is disabled (" + PropertyCatalog.READING_ACTIVE + ")"));
            }
        }
        return inbound;
    }

    /** The connection of one account, active or not (Test Connection tests inactive ones too). */
    public static Effective effective(EffectiveProperties properties, EmailAccount stored,
                                      Function<EmailAccount, AccountSecrets> secrets) {
        EmailAccount account = ProvisionedAccounts.resolve(properties, stored);
        if (account.isGraph()) {
            return new Effective(account, null, null); // https to Graph: its settings are the account's own
        }
        if (account.server() == null || account.server().isBlank()) {
            String reason = account.isProvisioned()
                    ? "\"" + account.name() + "\" has no server: set it in System Properties > Email"
                    : "\"" + account.name() + "\" has no server";
            return new Effective(account, null, reason);
        }
        AccountSecrets own = account.isProvisioned() ? AccountSecrets.NONE : secrets.apply(stored);
        String secret = switch (account.authentication()) {
            case NONE -> null;
            case PASSWORD -> account.isProvisioned() ? ProvisionedAccounts.password(properties, stored) : own.password();
            case OAUTH2 -> own.accessToken();
        };
        ConnectionSettings settings = ConnectionSettings.builder()
                .protocol(account.type())
                .host(account.server())
                .port(account.effectivePort())
                .security(account.security())
                .authentication(account.authentication())
                .user(account.authentication() == Authentication.NONE ? null : account.userName())
                .secret(secret)
                .connectTimeoutMs(properties.integer(PropertyCatalog.SMTP_CONNECT_TIMEOUT))
                .readTimeoutMs(properties.integer(PropertyCatalog.SMTP_READ_TIMEOUT))
                .trustedCertificates(trusted(account.trustedCertificates()))
                .build();
        return new Effective(account, settings, null);
    }

    private static List<X509Certificate> trusted(String pem) {
        try {
            return Certificates.parsePem(pem);
        } catch (CertificateException e) {
            return List.of(); // refused on save; an unreadable value trusts nothing extra
        }
    }
}
