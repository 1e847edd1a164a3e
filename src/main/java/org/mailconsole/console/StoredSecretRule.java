package org.mailconsole.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.mailconsole.model.AccountSecret;
import org.mailconsole.model.Authentication;
import org.mailconsole.model.EffectiveProperties;
import org.mailconsole.model.EffectiveValue;
import org.mailconsole.model.EmailAccount;
import org.mailconsole.model.FieldError;
import org.mailconsole.model.GraphClient;
import org.mailconsole.model.OAuth2Client;
import org.mailconsole.model.PropertyCatalog;
import org.mailconsole.model.ProvisionedAccounts;

/**
 * A stored secret goes only where it was stored for. Otherwise anyone allowed to edit could point
 * an account (or System Properties > Email) at a server of their own, leave the secret box blank, and
 * receive the secret on Test Connection or the next send. So when a field that says where a secret
 * goes differs from what is stored, the stored secret is not used: it must be typed again (or
 * cleared), and the answer names the secret's field. Save (form and API), Test Connection of a form
 * and the properties all ask this one class.
 *
 * <ul>
 *   <li>password: server, port (in force), connection security, user name. Checked whatever the
 *       authentication, since a later change of the authentication alone would send it there;</li>
 *   <li>client secret: token URL and client id, and with OAuth 2.0 the server, port, security and
 *       user name too, since those receive the token it gets;</li>
 *   <li>refresh token: token URL and client id (with OAuth 2.0; without it the token URL is not kept,
 *       so turning OAuth 2.0 on again is a change).</li>
 * </ul>
 */
public final class StoredSecretRule {
    private StoredSecretRule() {
    }

    /**
     * @param stored the account as stored (null for a new one: nothing is stored to reuse)
     * @param wanted the account as it would be saved or tested (validated)
     * @param input  what was typed: a secret absent from it means the stored one
     * @return one error per stored secret that may not be used as typed; empty when all is well
     */
    public static List<FieldError> check(EmailAccount stored, EmailAccount wanted, AccountInput input) {
        List<FieldError> errors = new ArrayList<>();
        if (stored == null || stored.isProvisioned()) {
            return errors;
        }
        boolean oauth2 = wanted.authentication() == Authentication.OAUTH2;
        for (AccountSecret secret : AccountSecret.values()) {
            if (!stored.secretSet(secret) || input.secrets().containsKey(secret)) {
                continue; // nothing stored, or typed (or cleared) now
            }
            boolean moved = switch (secret) {
                case PASSWORD -> !sameServer(stored, wanted);
                case CLIENT_SECRET -> oauth2 && (!sameTokenEndpoint(stored, wanted) || !sameServer(stored, wanted));
                case REFRESH_TOKEN -> oauth2 && !sameTokenEndpoint(stored, wanted);
                case GRAPH_CLIENT_SECRET, GRAPH_CERTIFICATE, GRAPH_PRIVATE_KEY -> !sameGraphApp(stored, wanted);
            };
            if (moved) {
                errors.add(new FieldError(secret.field(), message(secret)));
            }
        }
        return errors;
    }

    /**
     * The same rule for System Properties > Email, through the two built-in accounts they make: a
     * change of where Default SMTP or Default POP3 connects needs the password that connection would
     * use in the same change (glide.pop3.password, or glide.email.user_password that it falls back to).
     *
     * @param changes the properties given, by name (a secret given non-blank is typed again)
     */
    public static List<FieldError> checkProperties(EffectiveProperties before, EffectiveProperties after,
                                                   Map<String, String> changes) {
        Map<String, FieldError> errors = new LinkedHashMap<>();
        for (EmailAccount.Provisioned builtIn : EmailAccount.Provisioned.values()) {
            EmailAccount row = EmailAccount.builder().name(builtIn.name()).provisioned(builtIn).build();
            if (ProvisionedAccounts.password(after, row) == null
                    || sameServer(ProvisionedAccounts.resolve(before, row), ProvisionedAccounts.resolve(after, row))) {
                continue; // no password to send, or it goes where it went
            }
            String source = passwordProperty(after, builtIn);
            String typed = changes.get(source);
            if (typed == null || typed.isBlank()) {
                errors.putIfAbsent(source, new FieldError(source, "type the password again (or clear it): the "
                        + (builtIn == EmailAccount.Provisioned.DEFAULT_SMTP ? "outgoing" : "incoming")
                        + " server, port, security or user changed, and a stored password is only sent to the "
                        + "server it was saved for"));
            }
        }
        return List.copyOf(errors.values());
    }

    /** The property whose value is the built-in account's password after the change. */
    private static String passwordProperty(EffectiveProperties after, EmailAccount.Provisioned builtIn) {
        if (builtIn == EmailAccount.Provisioned.DEFAULT_SMTP) {
            return PropertyCatalog.EMAIL_PASSWORD;
        }
        EffectiveValue pop3 = after.get(PropertyCatalog.POP3_PASSWORD);
        return pop3.origin() == EffectiveValue.Origin.FALLBACK ? pop3.from() : PropertyCatalog.POP3_PASSWORD;
    }

    private static boolean sameServer(EmailAccount a, EmailAccount b) {
        return host(a.server()).equals(host(b.server())) && a.security() == b.security()
                && a.type() != null && b.type() != null && a.effectivePort() == b.effectivePort()
                && Objects.equals(a.userName(), b.userName());
    }

    /** Where a Graph account's secret (or the token it gets) goes: the tenant's token endpoint and Graph. */
    private static boolean sameGraphApp(EmailAccount a, EmailAccount b) {
        GraphClient x = a.graph() == null ? GraphClient.NONE : a.graph();
        GraphClient y = b.graph() == null ? GraphClient.NONE : b.graph();
        return a.type() == b.type() && Objects.equals(x.tenantId(), y.tenantId())
                && Objects.equals(x.clientId(), y.clientId()) && x.tokenEndpoint().equals(y.tokenEndpoint())
                && x.graphEndpoint().equals(y.graphEndpoint());
    }

    private static boolean sameTokenEndpoint(EmailAccount a, EmailAccount b) {
        OAuth2Client x = a.oauth2() == null ? OAuth2Client.NONE : a.oauth2();
        OAuth2Client y = b.oauth2() == null ? OAuth2Client.NONE : b.oauth2();
        return Objects.equals(x.tokenUrl(), y.tokenUrl()) && Objects.equals(x.clientId(), y.clientId());
    }

    /** Host names do not depend on letter case. */
    private static String host(String server) {
        return server == null ? "" : server.trim().toLowerCase(Locale.ROOT);
    }

    private static String message(AccountSecret secret) {
        return switch (secret) {
            case PASSWORD -> "type the password again (or clear it): the server, port, connection security or user "
                    + "name changed, and a stored password is only sent to the server it was saved for";
            case CLIENT_SECRET -> "type the client secret again: the token endpoint, client id or server "
                    + "changed, and a stored client secret is only used with the ones it was saved for";
            case REFRESH_TOKEN -> "type the refresh token again (or clear it): the token endpoint or client id "
                    + "changed, and a stored refresh token is only sent to the endpoint it was saved for";
            case GRAPH_CLIENT_SECRET, GRAPH_CERTIFICATE, GRAPH_PRIVATE_KEY -> "type it again (or clear it): the "
                    + "tenant, client id, token endpoint or Graph endpoint changed, and a stored secret is only used "
                    + "with the ones it was saved for";
        };
    }
}
